import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_NAMES, COMMANDS, isWrite } from '../../../core/protocol/commands';
import { ANSWER_IDS, ANSWER_NUMBERS_NOT_IDS, rewriteAnswerIds } from '../../../hub/store/pg/import/answer-ids';
import { IMPORT_PLAN, type IdOffsets } from '../../../hub/store/pg/import/import-plan';
import { CLAIMED } from '../../../hub/store/pg/command-claims';

/** A JSON Schema node as zod 4's z.toJSONSchema writes it (the same view the OpenAPI document publishes). */
interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
}

const ID_NAME = /^id$|Id$/;
const IDS_NAME = /^ids$|Ids$/;

function isNumeric(s: JsonSchema): boolean {
  const types = s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type;
  return types.includes('integer') || types.includes('number') || [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].some(isNumeric);
}

/**
 * Every numeric field of an answer named `id` or ending in `Id` (and arrays of numbers named `ids`
 * or `…Ids`), as a path of ANSWER_IDS: `dossier.ticketId`, `results[].id`. Walks the output
 * schema's JSON Schema (z.toJSONSchema, io 'output'): objects, arrays, unions, nullables and
 * named definitions; a tuple stops the walk (ANSWER_IDS has no way to name its elements yet).
 */
function numericIdPaths(root: JsonSchema): string[] {
  const found = new Set<string>();
  const walk = (s: JsonSchema, path: string, key: string | null): void => {
    if (s.$ref !== undefined) {
      const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
      const target = name === undefined ? undefined : root.$defs?.[name];
      if (!target) throw new Error(`unresolved ${s.$ref} at ${path}`);
      walk(target, path, key);
      return;
    }
    if (key !== null && ID_NAME.test(key) && isNumeric(s)) found.add(path);
    if (key !== null && IDS_NAME.test(key) && s.items && isNumeric(s.items)) found.add(`${path}[]`);
    if (s.prefixItems) throw new Error(`a tuple at ${path}: say in ANSWER_IDS how its ids are found`);
    for (const [k, sub] of Object.entries(s.properties ?? {})) walk(sub, path === '' ? k : `${path}.${k}`, k);
    if (s.items) walk(s.items, `${path}[]`, null);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}.*`, null);
    for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(sub, path, key);
  };
  walk(root, '', null);
  return [...found].sort();
}

const writes = COMMAND_NAMES.filter(isWrite);

describe('the ids inside command answers that province import moves (answer-ids.ts)', () => {
  it('lists every write command, and nothing else', () => {
    expect(Object.keys(ANSWER_IDS).sort()).toEqual([...writes].sort());
  });

  it('names every numeric id of every write answer, from the output schemas themselves, and no path the schema lacks', () => {
    const identity = new Set(IMPORT_PLAN.filter((t) => t.identity).map((t) => t.table));
    let ids = 0;
    for (const name of writes) {
      const found = numericIdPaths(z.toJSONSchema(COMMANDS[name].output, { io: 'output' }) as JsonSchema);
      const listed = ANSWER_IDS[name].map((a) => a.path);
      const declared = Object.keys(ANSWER_NUMBERS_NOT_IDS).filter((k) => k.startsWith(`${name} `)).map((k) => k.slice(name.length + 1));
      expect([...listed, ...declared].sort(), `${name}: its answer's numeric id fields (add each to ANSWER_IDS, or to ANSWER_NUMBERS_NOT_IDS with the reason)`).toEqual(found);
      for (const a of ANSWER_IDS[name]) expect(identity.has(a.table), `${name} ${a.path}: ${a.table} is an identity table of the import plan`).toBe(true);
      ids += found.length;
    }
    for (const [key, why] of Object.entries(ANSWER_NUMBERS_NOT_IDS)) {
      expect(writes, `${key}: a write command, then the path`).toContain(key.split(' ')[0]);
      expect(why.length, `${key}: the reason`).toBeGreaterThan(10);
    }
    // The walk finds what it should (the ticket, the superseded ticket, a rating's and a dossier's ticket, result files).
    expect(numericIdPaths(z.toJSONSchema(COMMANDS['ticket:deliver-offline'].output, { io: 'output' }) as JsonSchema)).toEqual(['superseded.ticketId', 'ticket.id']);
    expect(numericIdPaths(z.toJSONSchema(COMMANDS['dossier:act'].output, { io: 'output' }) as JsonSchema)).toEqual(['dossier.ticketId', 'results[].id']);
    expect(numericIdPaths(z.toJSONSchema(z.object({ a: z.object({ ticketIds: z.array(z.number()) }).nullable() }), { io: 'output' }) as JsonSchema)).toEqual(['a.ticketIds[]']);
    expect(ids).toBeGreaterThan(20);
  });

  const offsets: IdOffsets = { tickets: { offset: 100, last: 150 }, dossier_results: { offset: 7, last: 9 }, ratings: { offset: 3000, last: 3001 } };
  const answer = (value: unknown) => JSON.stringify({ ok: true, value });
  const moved = (name: string, json: string) => {
    const r = rewriteAnswerIds(name, json, offsets);
    if (!r.ok) throw new Error(r.en);
    return JSON.parse(r.json) as { value: Record<string, unknown> };
  };

  it('moves each id by its own table\'s offset, wherever the answer holds it; the rest of the answer is as it was', () => {
    const ticket = { id: 5, serviceId: 'ho-tich', number: 1005, day: '2026-11-23', state: 'waiting', counterId: null };
    expect(moved('ticket:issue', answer({ ticket, waitingAhead: 2, estimatedWaitMinutes: null }))).toEqual({ ok: true, value: { ticket: { ...ticket, id: 105 }, waitingAhead: 2, estimatedWaitMinutes: null } });
    // Key order and everything else kept: the replayed text differs from the first answer only in the ids.
    expect(rewriteAnswerIds('ticket:issue', answer({ ticket, waitingAhead: 2 }), offsets)).toEqual({ ok: true, json: answer({ ticket: { ...ticket, id: 105 }, waitingAhead: 2 }) });
    expect(moved('ticket:deliver-offline', answer({ ticket, superseded: { ticketId: 4, number: 1004, cancelled: true } })).value).toMatchObject({ ticket: { id: 105 }, superseded: { ticketId: 104, number: 1004 } });
    expect(moved('ticket:deliver-offline', answer({ ticket })).value).toEqual({ ticket: { ...ticket, id: 105 } });
    expect(moved('ticket:rate', answer({ rating: { ticketId: 5, rating: 4 } })).value).toEqual({ rating: { ticketId: 105, rating: 4 } });
    expect(moved('appointment:check-in', answer({ appointment: { code: 'HK-1', ticketId: 5, ticketNumber: 1005 }, ticket })).value).toMatchObject({ appointment: { ticketId: 105, ticketNumber: 1005 }, ticket: { id: 105 } });
    expect(moved('appointment:book', answer({ appointment: { code: 'HK-1', ticketId: null, ticketNumber: null } })).value).toEqual({ appointment: { code: 'HK-1', ticketId: null, ticketNumber: null } });
    const dossier = { code: 'HK-001', ticketId: 5, fee: 100 };
    expect(moved('dossier:act', answer({ dossier, history: [], results: [{ id: 1, sha256: 'a' }, { id: 2, sha256: 'b' }] })).value).toEqual({ dossier: { ...dossier, ticketId: 105 }, history: [], results: [{ id: 8, sha256: 'a' }, { id: 9, sha256: 'b' }] });
    expect(moved('dossier:receive', answer({ dossier: { ...dossier, ticketId: null }, history: [] })).value).toEqual({ dossier: { ...dossier, ticketId: null }, history: [] });
    expect(moved('dossier:attach-result', answer({ dossier, history: [], results: [] })).value).toMatchObject({ dossier: { ticketId: 105 }, results: [] });
  });

  it('leaves refusals, claims, answers without ids and unknown commands byte for byte', () => {
    const same = (name: string, json: string) => expect(rewriteAnswerIds(name, json, offsets)).toEqual({ ok: true, json });
    same('ticket:issue', JSON.stringify({ ok: false, error: { kind: 'service-closed', message: 'Dịch vụ đã ngừng cấp số.' } }));
    same('ticket:issue', CLAIMED);
    same('ticket:lease-numbers', answer({ lease: { day: '2026-11-23', serviceId: 'ho-tich', from: 1995, to: 1999 } }));
    same('counter:sign-in', 'not json: no id to move, so never read');
    same('some:older-command', answer({ ticket: { id: 5 } }));
  });

  it('refuses an answer that is not JSON, or an id that is not one (the hub writes neither): the importer names the row', () => {
    expect(rewriteAnswerIds('ticket:issue', '{"ok":true,', offsets)).toEqual({ ok: false, vi: 'câu trả lời đã lưu của lệnh ticket:issue không phải JSON', en: 'the stored answer of ticket:issue is not JSON' });
    expect(rewriteAnswerIds('ticket:issue', answer({ ticket: { id: '5' } }), offsets)).toMatchObject({ ok: false, en: 'the stored answer of ticket:issue has ticket.id = "5", not an id' });
    expect(rewriteAnswerIds('dossier:act', answer({ dossier: { ticketId: 1 }, results: [{ id: 1.5 }] }), offsets)).toMatchObject({ ok: false, en: 'the stored answer of dossier:act has results[].id = 1.5, not an id' });
    expect(rewriteAnswerIds('dossier:act', answer({ dossier: { ticketId: 1 }, results: { id: 1 } }), offsets)).toMatchObject({ ok: false, en: expect.stringContaining('results[].id = {"id":1}') });
    expect(rewriteAnswerIds('ticket:rate', answer({ rating: 'bốn' }), offsets)).toMatchObject({ ok: false, en: 'the stored answer of ticket:rate has rating.ticketId = "bốn", not an id' });
  });
});
