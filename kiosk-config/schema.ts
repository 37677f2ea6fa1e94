import { z } from 'zod';
import { PRINT_FAILURE_POLICIES, RoleSchema, PrinterProfileSchema } from '../core/devices';
import type { CentreDefinition } from '../core/centre';
import { ClerkSchema, OfficerSchema } from '../core/clerks';
import { QueueRulesSchema } from '../core/queue/rules';
import { CounterSchema, IdSchema, ServiceSchema } from '../core/queue/types';
import { CalendarConfigSchema } from './calendar-schema';
import { AppointmentsConfigSchema } from '../core/appointments/appointments';
import { DepartmentSchema, ProcedureSchema } from '../core/dossiers/catalogue';
import { DOSSIER_CODE_PREFIX } from '../core/dossiers/dossier-code';
import { PrivacyConfigSchema } from '../core/privacy/retention-policy';
import { IntegrationsConfigSchema } from './integrations-schema';
import { DossierCodesConfigSchema, checkDossierCodes } from './dossier-codes-schema';
import { LockoutConfigSchema } from '../core/sign-in/lockout-policy';
import { parsePublicBaseUrl } from '../core/public/public-base-url';

export const DeviceConfigSchema = z.strictObject({
  id: IdSchema,
  role: RoleSchema,
  name: z.string().min(1),
  /**
   * Legacy: a secret hand-copied into the terminal's config, still accepted for existing installs
   * until the device is paired, rotated or revoked. New devices leave it out and are paired with
   * a one-time code (`motcua device pair --device ID`, or the admin screen).
   */
  token: z.string().min(16, 'at least 16 characters; generate one with `openssl rand -hex 16`').optional(),
  counterId: IdSchema.optional(),
  printerId: IdSchema.optional(),
  /** backoffice devices: the department whose dossiers they receive (a Socket.IO room per department). */
  departmentId: IdSchema.optional(),
});
export type DeviceConfig = z.infer<typeof DeviceConfigSchema>;

/** An https address citizens' phones reach the public pages at, normalised (core/public/public-base-url.ts). */
export const PublicBaseUrlSchema = z.string().transform((text, ctx) => {
  const parsed = parsePublicBaseUrl(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.error.message });
  return z.NEVER;
});

/** Reverse proxies whose X-Forwarded-For is believed: IP addresses or CIDR ranges. */
export const TrustedProxiesSchema = z
  .array(z.string().regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'an IP address or CIDR range, e.g. "10.0.0.5" or "10.0.0.0/24"'))
  .min(1)
  .max(32);

export const CentreConfigSchema = z
  .strictObject({
    centre: z.strictObject({
      name: z.string().min(1),
      timeZone: z
        .string()
        .default('Asia/Ho_Chi_Minh')
        .refine((tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'an IANA time zone such as "Asia/Ho_Chi_Minh"'),
      /** A ticket the kiosk could not print: keep the number (shown on screen) or void it. */
      onPrintFailure: z.enum(PRINT_FAILURE_POLICIES).default('keep'),
    }),
    hub: z
      .strictObject({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** SQLite file and other state; relative paths are relative to the config file. */
        dataDir: z.string().default('data'),
        /**
         * Days a write command's first answer is kept, so a replay of its commandId returns it; older
         * entries are pruned at start and daily (a replay after that runs as a new command).
         */
        commandLogRetentionDays: z.number().int().min(1).max(366).default(7),
        /**
         * false: plain HTTP, allowed only on a loopback host (the demo, tests). Otherwise HTTPS and
         * WSS: with the operator's certificate (certFile + keyFile, PEM; caFile to print its CA's
         * fingerprint) or, when none is named, the centre's own CA made on first start in
         * <dataDir>/tls. Relative paths are relative to the config file.
         */
        tls: z
          .union([
            z.literal(false),
            z.strictObject({
              certFile: z.string().min(1).optional(),
              keyFile: z.string().min(1).optional(),
              caFile: z.string().min(1).optional(),
              /** Extra names the generated certificate is valid for, e.g. "hub.motcua.local". */
              hostnames: z.array(z.string().min(1)).optional(),
            }),
          ])
          .default({}),
        /** Scheduled encrypted backups (README "Audit and backups"); the key from MOTCUA_BACKUP_KEY or keyFile. Paths relative to the config file. */
        backup: z
          .strictObject({
            dir: z.string().min(1),
            everyMinutes: z.number().int().min(5).max(7 * 24 * 60),
            keep: z.number().int().min(1).max(1000).default(14),
            keyFile: z.string().min(1).optional(),
          })
          .optional(),
        /** Every staff sign-in (clerk and officer PINs, administrators' passwords): wrong attempts in a row that lock, and for how long. Default 5 → 15 minutes. */
        signInLockout: LockoutConfigSchema.optional(),
        /**
         * Where citizens' phones reach the hub's public pages through the centre's reverse proxy
         * (https only), e.g. "https://motcua.hoankiem.hanoi.gov.vn". Set: each ticket's QR opens its
         * live page at <publicBaseUrl>/t/<token>. Absent: tickets carry no QR and promise no tracking.
         */
        publicBaseUrl: PublicBaseUrlSchema.optional(),
        /**
         * The reverse proxies in front of the hub (IP addresses or CIDR ranges), whose
         * X-Forwarded-For names the real client: the public pages' per-address limits count
         * citizens, not the proxy. Absent: the TCP peer is the client (no header is believed).
         */
        trustedProxies: TrustedProxiesSchema.optional(),
      })
      .prefault({}),
    services: z.array(ServiceSchema).min(1),
    counters: z.array(CounterSchema).min(1),
    queue: QueueRulesSchema.prefault({}),
    printers: z.array(PrinterProfileSchema).default([]),
    devices: z.array(DeviceConfigSchema).min(1),
    clerks: z.array(ClerkSchema).default([]),
    /** Back-office officers with their department and PIN hash (`motcua hash-pin`). */
    officers: z.array(OfficerSchema).default([]),
    /** Working hours, holidays and swapped days for due dates; omitted: the computed national calendar. */
    calendar: CalendarConfigSchema.optional(),
    /** Appointment slots per service (slotMinutes 30, check-in from 30 min before to 15 min after by default). */
    appointments: AppointmentsConfigSchema.optional(),
    /** Starts every dossier code: <prefix>-<YYMMDD>-<NNNN> (core/dossiers/dossier-code.ts). */
    dossierCodePrefix: z.string().regex(DOSSIER_CODE_PREFIX, '2–6 capital letters or digits, e.g. "HK"').default('HS'),
    /** Dossier codes: today's short ones or Circular 01/2018's national ones (./dossier-codes-schema.ts). */
    dossierCodes: DossierCodesConfigSchema.prefault({}),
    /** Departments (phòng chuyên môn) that decide dossiers. */
    departments: z.array(DepartmentSchema).default([]),
    /** The procedure catalogue: field (a queue service), department, processing time, fee, documents. */
    procedures: z.array(ProcedureSchema).default([]),
    /**
     * A centre of a province: the province's centres (this one included), where a citizen may
     * choose to collect a result (filled by province-centre.ts from the province file). Absent: this centre only.
     */
    provinceCentres: z.array(z.strictObject({ id: IdSchema, name: z.string().min(1) })).min(1).optional(),
    /** How long personal data is kept, per class (core/privacy/retention-policy.ts); defaults apply when omitted. */
    privacy: PrivacyConfigSchema.prefault({}),
    /** Partner systems (issue 14): national portal, notifiers, outbound webhooks; secrets named by environment variable. */
    integrations: IntegrationsConfigSchema.prefault({}),
  })
  .superRefine((cfg, ctx) => {
    const unique = (list: readonly { id: string }[], key: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${item.id}"` });
        seen.add(item.id);
      });
    };
    unique(cfg.services, 'services');
    unique(cfg.counters, 'counters');
    unique(cfg.printers, 'printers');
    unique(cfg.devices, 'devices');
    unique(cfg.clerks, 'clerks');
    unique(cfg.departments, 'departments');
    const departmentIds = new Set(cfg.departments.map((d) => d.id));
    const people = new Set(cfg.clerks.map((c) => c.id));
    cfg.officers.forEach((o, i) => {
      if (people.has(o.id)) ctx.addIssue({ code: 'custom', path: ['officers', i, 'id'], message: `duplicate id "${o.id}" (among clerks and officers)` });
      people.add(o.id);
      if (!departmentIds.has(o.departmentId)) {
        ctx.addIssue({ code: 'custom', path: ['officers', i, 'departmentId'], message: `unknown department "${o.departmentId}" (known: ${[...departmentIds].join(', ') || 'none'})` });
      }
    });
    const procedureCodes = new Set<string>();

    const serviceIds = new Set(cfg.services.map((s) => s.id));
    cfg.services.forEach((s, i) => {
      cfg.services.slice(0, i).forEach((other) => {
        if (s.numberFrom <= other.numberTo && other.numberFrom <= s.numberTo) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, 'numberFrom'],
            message: `number block ${s.numberFrom}–${s.numberTo} overlaps "${other.id}" (${other.numberFrom}–${other.numberTo}); a number must name one service`,
          });
        }
      });
    });
    const labels = new Set<string>();
    cfg.counters.forEach((c, i) => {
      if (labels.has(c.label)) ctx.addIssue({ code: 'custom', path: ['counters', i, 'label'], message: `duplicate counter label "${c.label}"` });
      labels.add(c.label);
      for (const sid of Object.keys(c.serviceWeights ?? {})) {
        if (!c.serviceIds.includes(sid)) ctx.addIssue({ code: 'custom', path: ['counters', i, 'serviceWeights', sid], message: `"${sid}" is not among this counter's serviceIds` });
      }
      c.serviceIds.forEach((sid, j) => {
        if (!serviceIds.has(sid)) ctx.addIssue({ code: 'custom', path: ['counters', i, 'serviceIds', j], message: `unknown service "${sid}" (known: ${[...serviceIds].join(', ')})` });
      });
    });
    for (const sid of Object.keys(cfg.appointments?.services ?? {})) {
      if (!serviceIds.has(sid)) ctx.addIssue({ code: 'custom', path: ['appointments', 'services', sid], message: `unknown service "${sid}"` });
    }
    cfg.procedures.forEach((p, i) => {
      if (procedureCodes.has(p.code)) ctx.addIssue({ code: 'custom', path: ['procedures', i, 'code'], message: `duplicate procedure code "${p.code}"` });
      procedureCodes.add(p.code);
      if (!serviceIds.has(p.serviceId)) ctx.addIssue({ code: 'custom', path: ['procedures', i, 'serviceId'], message: `unknown service "${p.serviceId}" (known: ${[...serviceIds].join(', ')})` });
      if (!departmentIds.has(p.departmentId)) {
        ctx.addIssue({ code: 'custom', path: ['procedures', i, 'departmentId'], message: `unknown department "${p.departmentId}" (known: ${[...departmentIds].join(', ') || 'none'})` });
      }
    });
    checkDossierCodes(cfg, ctx);
    const counterIds = new Set(cfg.counters.map((c) => c.id));
    const printerIds = new Set(cfg.printers.map((p) => p.id));
    const tokens = new Set<string>();
    cfg.devices.forEach((d, i) => {
      if (d.token !== undefined && tokens.has(d.token)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'token'], message: 'token already used by another device' });
      if (d.token !== undefined) tokens.add(d.token);
      if (d.role === 'counter' && d.counterId === undefined) ctx.addIssue({ code: 'custom', path: ['devices', i, 'counterId'], message: 'a counter device must name the counter it sits at' });
      if (d.counterId !== undefined && !counterIds.has(d.counterId)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'counterId'], message: `unknown counter "${d.counterId}"` });
      if (d.printerId !== undefined && !printerIds.has(d.printerId)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'printerId'], message: `unknown printer "${d.printerId}"` });
      if (d.departmentId !== undefined && d.role !== 'backoffice') ctx.addIssue({ code: 'custom', path: ['devices', i, 'departmentId'], message: 'only a backoffice device belongs to a department' });
      if (d.departmentId !== undefined && !departmentIds.has(d.departmentId)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'departmentId'], message: `unknown department "${d.departmentId}"` });
    });
  });

export type CentreConfig = z.infer<typeof CentreConfigSchema>;
export type CentreConfigInput = z.input<typeof CentreConfigSchema>;

// A validated config is what the hub runs on: the compiler holds the two shapes together.
type Compatible<A extends B, B> = A;
export type _CentreConfigIsACentreDefinition = Compatible<CentreConfig, CentreDefinition>;
