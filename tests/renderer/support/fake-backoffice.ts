import type { TerminalContext } from '../../../core/protocol/bridge';
import type { Dossier, DossierEvent, DossierHistoryEntry } from '../../../core/dossiers/dossier';
import type { DossierResult } from '../../../core/dossiers/result-files';
import { ACTION_ROLE, dossierActionVi, dossierTransition, type DossierAction } from '../../../core/dossiers/dossier-state';

export interface FakeDossier {
  readonly dossier: Dossier;
  readonly history: readonly DossierHistoryEntry[];
  /** Its result files (core/dossiers/result-files.ts), as the hub lists them. */
  readonly results?: readonly DossierResult[];
}

/** The back office's side of the scripted bridge: its department's dossiers and the officers' PIN. */
export interface BackofficeFakeSetup {
  readonly departmentId: string;
  readonly dossiers: readonly FakeDossier[];
  /** The PIN every officer signs in with. */
  readonly pin: string;
}

/** What the fake bridge hands the back-office fake so it can read and push the context, and send events. */
export interface FakeHost {
  context(): TerminalContext;
  push(context: TerminalContext): void;
  emit(name: 'dossier-notice', body: { readonly event: DossierEvent }): void;
}

/** window.__backofficeFake: answers the backoffice:* calls of tests/renderer/support/fake-bridge.ts. */
export interface BackofficeFake {
  invoke(name: string, input: Record<string, unknown>, host: FakeHost): unknown;
  /** A dossier the counter just sent: it is in the hub's list from now on (the test sends the notice). */
  add(d: FakeDossier): void;
}

/**
 * Runs IN THE PAGE as its own init script (page-fakes.ts addBackofficeFake, before the fake bridge
 * is used): the hub's dossier store in miniature, so a screen test can sign in, list, open and act.
 * The rules of who may act and which move is allowed are core's, bundled in — not a copy.
 */
export function installBackofficeFake(setup: BackofficeFakeSetup): void {
  type Found = { dossier: Dossier; history: DossierHistoryEntry[]; results?: DossierResult[] };
  const store: Found[] = JSON.parse(JSON.stringify(setup.dossiers)) as Found[];
  const fail = (kind: string, message: string) => ({ ok: false, error: { kind, message } });
  const find = (code: unknown): Found | undefined => store.find((f) => f.dossier.code === String(code).trim().toUpperCase());

  const fake: BackofficeFake = {
    add: (d) => {
      store.push(JSON.parse(JSON.stringify(d)) as Found);
    },
    invoke(name, input, host) {
      const context = host.context();
      switch (name) {
        case 'backoffice:sign-in': {
          const officer = context.officers.find((o) => o.id === input.officerId);
          if (officer === undefined) return fail('not-found', 'Không có cán bộ này trong phòng.');
          if (input.pin !== setup.pin) return fail('unauthorized', 'Mã PIN không đúng.');
          host.push({ ...context, officer });
          return { ok: true, value: { officer } };
        }
        case 'backoffice:sign-out':
          host.push({ ...context, officer: null });
          return { ok: true, value: { officer: null } };
        case 'backoffice:list': {
          const dossiers = store.map((f) => f.dossier).filter((d) => input.status === undefined || d.status === input.status);
          return { ok: true, value: { departmentId: setup.departmentId, dossiers } };
        }
        case 'backoffice:dossier': {
          const found = find(input.code);
          return found === undefined ? fail('not-found', `Không tìm thấy hồ sơ mã ${String(input.code)}.`) : { ok: true, value: found };
        }
        case 'backoffice:act': {
          const found = find(input.code);
          if (found === undefined) return fail('not-found', `Không tìm thấy hồ sơ mã ${String(input.code)}.`);
          if (context.officer === null) return fail('unauthorized', 'Cán bộ chưa đăng nhập.');
          const action = input.action as DossierAction;
          if (ACTION_ROLE[action] !== 'backoffice') return fail('forbidden', `Thao tác "${dossierActionVi(action)}" do quầy tiếp nhận và trả kết quả thực hiện.`);
          const from = found.dossier.status;
          // The hub's own transition table (core/dossiers/dossier-state.ts), bundled into the page.
          const to = dossierTransition(from, action);
          if (!to.ok) return fail(to.error.kind, `Hồ sơ ${found.dossier.code}: ${to.error.message}`);
          const at = new Date().toISOString();
          const note = typeof input.note === 'string' ? input.note : null;
          const newDueAt = action === 'delay' ? new Date(`${String(input.newDueDate)}:00+07:00`).toISOString() : null;
          const dossier: Dossier = {
            ...found.dossier,
            status: to.value,
            updatedAt: at,
            missing: action === 'supplement' ? (input.missing as string[]) : action === 'processing' ? [] : found.dossier.missing,
            ...(newDueAt === null ? {} : { dueAt: newDueAt, dueLocal: String(input.newDueDate), overdue: false }),
          };
          found.dossier = dossier;
          found.history = [
            ...found.history,
            { at, action, fromStatus: from, toStatus: dossier.status, deviceId: context.device?.id ?? '', role: 'backoffice', actorName: context.officer.name, note, newDueAt, unit: { kind: 'agency', id: found.dossier.departmentId, name: context.catalogue.departments.find((x) => x.id === found.dossier.departmentId)?.name ?? found.dossier.departmentId } },
          ];
          // The hub tells the department's back office of every change, this terminal included.
          const event: DossierEvent = { kind: 'changed', action, dossier };
          host.emit('dossier-notice', { event });
          return { ok: true, value: JSON.parse(JSON.stringify(found)) as Found };
        }
        case 'backoffice:attach-result': {
          // The hub's PUT /api/dossiers/:code/results in miniature: the file is listed, with the officer as who attached it.
          const found = find(input.code);
          if (found === undefined) return fail('not-found', `Không tìm thấy hồ sơ mã ${String(input.code)}.`);
          if (context.officer === null) return fail('unauthorized', 'Cán bộ chưa đăng nhập.');
          const pdf = input.pdf as Uint8Array;
          const results = found.results ?? [];
          found.results = [
            ...results,
            { id: results.length + 1, name: String(input.name), pages: 1, bytes: pdf.byteLength, sha256: 'a'.repeat(64), attachedAt: new Date().toISOString(), attachedBy: context.officer.name },
          ];
          return { ok: true, value: JSON.parse(JSON.stringify(found)) as Found };
        }
        default:
          return fail('internal', `no fake for ${name}`);
      }
    },
  };
  Object.defineProperty(window, '__backofficeFake', { value: fake });
}
