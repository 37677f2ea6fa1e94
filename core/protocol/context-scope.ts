import { z } from 'zod';
import type { Role } from '../devices';
import { TerminalContextSchema, type TerminalContext } from './bridge';

/**
 * Which pieces of the terminal context each role gets. The device, the centre and the state of
 * the link (hub connected, its problem, commands being re-sent) go to every terminal; the rest
 * only to the roles whose screens use them: a display does not receive the dossier catalogue nor
 * the clerks' list, a kiosk not the clerks nor the officers. A piece a role does not get is
 * sent empty (an empty list, null), so every screen reads one shape.
 */
export const SCOPED_CONTEXT_FIELDS = ['services', 'counters', 'rules', 'clerks', 'snapshot', 'printer', 'devices', 'catalogue', 'officers', 'officer', 'dossierFeed', 'scanner', 'outbox', 'kiosk'] as const;
export type ScopedContextField = (typeof SCOPED_CONTEXT_FIELDS)[number];

export const CONTEXT_BY_ROLE = {
  kiosk: ['services', 'snapshot', 'printer', 'kiosk'],
  counter: ['services', 'counters', 'rules', 'clerks', 'snapshot', 'printer', 'catalogue', 'dossierFeed', 'scanner', 'outbox'],
  display: ['services', 'counters', 'snapshot'],
  backoffice: ['catalogue', 'officers', 'officer', 'dossierFeed'],
  admin: ['services', 'counters', 'snapshot', 'devices'],
} as const satisfies Record<Role, readonly ScopedContextField[]>;

/** What each scoped piece is when a role does not get it. */
const EMPTY: Pick<TerminalContext, ScopedContextField> = {
  services: [],
  counters: [],
  rules: null,
  clerks: [],
  snapshot: null,
  printer: null,
  devices: null,
  catalogue: { departments: [], procedures: [] },
  officers: [],
  officer: null,
  dossierFeed: [],
  scanner: null,
  outbox: null,
  kiosk: null,
};

/** The pieces `role` gets; before the hub named the role (null), none. */
export function contextFieldsOf(role: Role | null): ReadonlySet<ScopedContextField> {
  return new Set<ScopedContextField>(role === null ? [] : CONTEXT_BY_ROLE[role]);
}

/** The context as a terminal of `role` may see it: every piece outside the role emptied. */
export function scopeContext(role: Role | null, full: TerminalContext): TerminalContext {
  const mine = contextFieldsOf(role);
  const emptied = Object.fromEntries(SCOPED_CONTEXT_FIELDS.filter((f) => !mine.has(f)).map((f) => [f, EMPTY[f]])) as Partial<typeof EMPTY>;
  return { ...full, ...emptied };
}

/** Each scoped piece as it must be on a terminal whose role does not get it: empty. */
const EMPTY_SCHEMAS = {
  services: z.array(z.never()),
  counters: z.array(z.never()),
  rules: z.null(),
  clerks: z.array(z.never()),
  snapshot: z.null(),
  printer: z.null(),
  devices: z.null(),
  catalogue: z.object({ departments: z.array(z.never()), procedures: z.array(z.never()) }),
  officers: z.array(z.never()),
  officer: z.null(),
  dossierFeed: z.array(z.never()),
  scanner: z.null(),
  outbox: z.null(),
  kiosk: z.null().optional(),
} satisfies Record<ScopedContextField, z.ZodType>;

/** The context a terminal of `role` may receive: its own pieces as in TerminalContextSchema, every other piece empty. */
export function terminalContextSchemaFor(role: Role) {
  const mine = contextFieldsOf(role);
  const others = Object.fromEntries(SCOPED_CONTEXT_FIELDS.filter((f) => !mine.has(f)).map((f) => [f, EMPTY_SCHEMAS[f]]));
  return TerminalContextSchema.extend({ ...others, device: TerminalContextSchema.shape.device.refine((d) => d === null || d.role === role, { message: `a ${role}'s context` }) });
}
