import type { WriteCommandName } from '../../../../core/protocol/commands';
import type { IdOffsets, RowRewrite } from './import-plan';

/**
 * An id inside a command's answer that names a row of an identity table. `path` is where it sits
 * in the answer's value (`{ ok: true, value }`): property names joined by `.`, a name ending in
 * `[]` standing for every element of that array. `table` is the identity table whose offset
 * moves it (import-plan.ts).
 */
export interface AnswerId {
  readonly path: string;
  readonly table: string;
}

const ticket = (path: string): AnswerId => ({ path, table: 'tickets' });
const TICKET: readonly AnswerId[] = [ticket('ticket.id')];
/** A dossier's answer (DossierOutputSchema): the queue ticket it was received on, and its result files. */
const DOSSIER: readonly AnswerId[] = [ticket('dossier.ticketId'), { path: 'results[].id', table: 'dossier_results' }];

/**
 * The identity ids in the answer of every write command (only writes are logged, so only their
 * answers are replayed), read off the output schemas of core/protocol/commands.ts. The import
 * moves them by the offsets that move the rows, so a terminal replaying a command applied before
 * the import gets the answer with the ids the province database gave those rows.
 *
 * Typed over the write commands: a new one does not compile until it is listed here, and
 * tests/hub/pg/answer-ids.test.ts walks each output schema for numeric `id` / `…Id` fields, so an
 * id added to an answer cannot be forgotten either. Left out on purpose: text ids (service,
 * counter, clerk, officer, department, device, API key ids, dossier codes) are the same in both
 * stores; a number lease's answer carries its day and numbers but not the lease's row id; a
 * rating's carries its ticket's id but not the rating's own.
 */
export const ANSWER_IDS: { readonly [K in WriteCommandName]: readonly AnswerId[] } = {
  'ticket:issue': TICKET,
  'counter:call-next': TICKET,
  'ticket:start': TICKET,
  'ticket:complete': TICKET,
  'ticket:no-show': TICKET,
  'ticket:recall': TICKET,
  'ticket:transfer': TICKET,
  'ticket:lease-numbers': [],
  /** The ticket delivered, and the one a lost `ticket:issue` of the same tap had made (superseded). */
  'ticket:deliver-offline': [...TICKET, ticket('superseded.ticketId')],
  'ticket:cancel': TICKET,
  'counter:pause': [],
  'counter:resume': [],
  'counter:sign-in': [],
  'counter:sign-out': [],
  'device:report-printer': [],
  'device:report-serial': [],
  'ticket:rate': [ticket('rating.ticketId')],
  'appointment:book': [ticket('appointment.ticketId')],
  'appointment:cancel': [ticket('appointment.ticketId')],
  'appointment:check-in': [ticket('appointment.ticketId'), ...TICKET],
  'dossier:receive': DOSSIER,
  'dossier:act': DOSSIER,
  'dossier:attach-result': DOSSIER,
  'dossier:lease-codes': [],
  'officer:sign-in': [],
  'officer:sign-out': [],
  'device:revoke': [],
  'apikey:revoke': [],
};

/**
 * Numeric fields of write answers named `id` or ending in `Id` that are not the row id of an
 * identity table, by `'<command> <path>'`, each with why it stays as it is (the completeness test
 * accepts these). None today: every such field of a write answer names a ticket or a result file.
 */
export const ANSWER_NUMBERS_NOT_IDS: Readonly<Record<string, string>> = {};

/** The answer with its ids moved, or why it cannot be (in Vietnamese, then English). */
export type AnswerRewrite = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly vi: string; readonly en: string };

/**
 * A stored answer (`commands.result_json`) with the ids ANSWER_IDS names moved by their tables'
 * offsets. Left as it is, byte for byte: a command with no ids in its answer (or one this build
 * does not know), a refusal (`{ ok: false, … }`: it names no row), a claim placeholder, an id
 * that is absent or null (optional and nullable fields). Refused, so the import stops and names
 * the row: an answer that is not JSON, or an id that is not a positive integer. The hub never
 * writes either; such a row was changed by something else, and left unmoved its replay would name
 * another centre's row — the import refuses what it cannot carry over faithfully, as it refuses
 * a broken hash chain.
 */
export function rewriteAnswerIds(name: string, resultJson: string, offsets: IdOffsets): AnswerRewrite {
  const ids: readonly AnswerId[] = Object.hasOwn(ANSWER_IDS, name) ? ANSWER_IDS[name as WriteCommandName] : [];
  if (ids.length === 0) return { ok: true, json: resultJson };
  let answer: unknown;
  try {
    answer = JSON.parse(resultJson);
  } catch {
    return { ok: false, vi: `câu trả lời đã lưu của lệnh ${name} không phải JSON`, en: `the stored answer of ${name} is not JSON` };
  }
  if (!isRecord(answer) || answer.ok !== true || !isRecord(answer.value)) return { ok: true, json: resultJson };
  for (const id of ids) {
    const offset = offsets[id.table]?.offset;
    if (offset === undefined) throw new Error(`answer-ids: ${name} ${id.path} names ${id.table}, which has no offset (not an identity table of the import plan)`);
    const bad = moveIds(answer.value, id.path.split('.'), offset);
    if (bad !== null) {
      const shown = String(JSON.stringify(bad.value)).slice(0, 40);
      return { ok: false, vi: `câu trả lời đã lưu của lệnh ${name} có ${id.path} = ${shown}, không phải một mã số`, en: `the stored answer of ${name} has ${id.path} = ${shown}, not an id` };
    }
  }
  return { ok: true, json: JSON.stringify(answer) };
}

/** The plan's rewrite of a `commands` row: its answer's ids follow their rows. */
export const rewriteCommandAnswer: RowRewrite = (row, offsets) => {
  const r = rewriteAnswerIds(String(row.name), String(row.result_json), offsets);
  return r.ok ? { ok: true, values: { result_json: r.json } } : r;
};

/** A value found where an id should be, that is not one. */
interface NotAnId {
  readonly value: unknown;
}

/**
 * Adds `offset` to the ids at `path` under `node`, in place (the answer was parsed for this).
 * Absent and null steps are skipped (optional and nullable fields); returns the first value that
 * is not an id, or null when every one was moved.
 */
function moveIds(node: Record<string, unknown>, path: readonly string[], offset: number): NotAnId | null {
  const [step, ...rest] = path as [string, ...string[]];
  const each = step.endsWith('[]');
  const key = each ? step.slice(0, -2) : step;
  const value = node[key];
  if (value === undefined || value === null) return null;
  if (each && !Array.isArray(value)) return { value };
  const items = each ? (value as unknown[]) : [value];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null) continue;
    if (rest.length > 0) {
      if (!isRecord(item)) return { value: item };
      const bad = moveIds(item, rest, offset);
      if (bad !== null) return bad;
    } else {
      if (typeof item !== 'number' || !Number.isSafeInteger(item) || item < 1) return { value: item };
      items[i] = item + offset;
    }
  }
  if (!each) node[key] = items[0];
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
