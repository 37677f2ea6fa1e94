import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../../../core/protocol/commands';
import type { Hub } from '../../../hub/hub';
import { StoreToolError } from '../../../hub/store/pg/tool-error';
import { commandId, connectCounter, connectDevice, demoConfig, startHub, tempDir, tokenOf, type DeviceSocket } from '../../support/centre';
import { buildBaDinhHistory, vn } from '../../support/centre-history';
import { compareAnswer, compareImportedAnswers } from '../../support/imported-answers';
import { ImportDatabases } from '../../support/import-databases';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';

warnIfPostgresMissing('province-import-answers');

const HOAN_KIEM = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BA_DINH = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };
const CONFIG = demoConfig();

type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: { kind: string; message: string } };
type Terminal = 'kiosk' | 'counter' | 'backoffice';
type Terminals = Readonly<Record<Terminal, DeviceSocket>>;

/** A command the terminal sent before the import, with the answer the SQLite hub gave: what its outbox would send again. */
interface Sent {
  readonly from: Terminal;
  readonly name: CommandName;
  readonly input: Readonly<Record<string, unknown>>;
  readonly answer: Answer;
}

interface TicketOf {
  readonly id: number;
  readonly number: number;
  readonly day: string;
  readonly serviceId: string;
}

/** Sends a command by name, as a terminal's outbox does (the name and input it kept). */
function send(socket: DeviceSocket, name: CommandName, input: Readonly<Record<string, unknown>>): Promise<Answer> {
  const emit = socket.emitWithAck.bind(socket) as unknown as (event: string, input: unknown) => Promise<Answer>;
  return emit(name, input);
}

function valueOf(what: string, a: Answer): Record<string, unknown> {
  if (!a.ok) throw new Error(`${what}: ${a.error.kind}: ${a.error.message}`);
  return a.value;
}

async function connectTerminals(url: string): Promise<Terminals> {
  const kiosk = (await connectDevice(url, 'kiosk-1', tokenOf(CONFIG, 'kiosk-1'))).socket;
  const counter = (await connectCounter(url, 'counter-1')).socket;
  const backoffice = (await connectDevice(url, 'backoffice-tckh', tokenOf(CONFIG, 'backoffice-tckh'))).socket;
  return { kiosk, counter, backoffice };
}

/**
 * The demo centre's morning on its own SQLite hub, each command kept with its answer: tickets A–D
 * issued (A served and rated, C voided by the kiosk, B and D waiting); P issued with its ack
 * "lost" (after the import the kiosk delivers its offline paper superseding it); a number lease,
 * Q issued online and superseded by an offline delivery at once; an appointment checked in; a
 * dossier received on ticket A and processed with a result file.
 */
async function buildHistory(file: string): Promise<{ sent: Sent[]; lost: { commandId: string; ticket: TicketOf }; lease: { day: string; from: number } }> {
  let now = vn('2026-11-23T09:00');
  const hub = await startHub(file, { clock: () => now });
  const sent: Sent[] = [];
  const t = await connectTerminals(hub.url);
  try {
    const run = async (from: Terminal, name: CommandName, fields: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const input = { commandId: commandId(), ...fields };
      const answer = await send(t[from], name, input);
      sent.push({ from, name, input, answer });
      return valueOf(name, answer);
    };
    const issue = async () => (await run('kiosk', 'ticket:issue', { serviceId: 'ho-tich' })).ticket as TicketOf;
    const a = await issue();
    await issue(); // B, waiting all along
    const c = await issue();
    await issue(); // D
    // P: SQLite id 5, which after the import (tickets offset 3) is B's id in the province.
    const p = await issue();
    const lost = { commandId: sent.at(-1)!.input.commandId as string, ticket: p };
    await run('kiosk', 'ticket:cancel', { ticketId: c.id });
    await run('counter', 'counter:call-next', { counterId: 'quay-1' });
    await run('counter', 'ticket:start', { ticketId: a.id });
    now = vn('2026-11-23T09:10');
    await run('counter', 'ticket:complete', { ticketId: a.id });
    await run('counter', 'ticket:rate', { ticketId: a.id, rating: 3 });

    const lease = (await run('kiosk', 'ticket:lease-numbers', { serviceId: 'ho-tich', count: 5 })).lease as { day: string; from: number };
    await issue(); // Q
    const qCommand = sent.at(-1)!.input.commandId as string;
    await run('kiosk', 'ticket:deliver-offline', { serviceId: 'ho-tich', day: lease.day, number: lease.from, issuedAt: vn('2026-11-23T09:11').toISOString(), supersedes: qCommand });

    const admin = tokenOf(CONFIG, 'admin-1');
    const booked = await fetch(`${hub.url}/api/appointments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: commandId(), serviceId: 'ho-tich', date: '2026-11-23', slotStart: '09:30', citizenName: 'Phạm Văn An' }),
    });
    const code = (valueOf('book', (await booked.json()) as Answer).appointment as { code: string }).code;
    now = vn('2026-11-23T09:20');
    await run('kiosk', 'appointment:check-in', { code });

    const dossier = (await run('counter', 'dossier:receive', { procedureCode: 'KD-TL', feePaid: 0, ticketId: a.id, applicant: { fullName: 'Lê Văn Cường', idNumber: '001085011111' }, documents: [] })).dossier as { code: string };
    await run('backoffice', 'officer:sign-in', { officerId: 'bui-thi-thu', pin: '5555' });
    await run('backoffice', 'dossier:act', { code: dossier.code, action: 'accept' });
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    const put = await fetch(`${hub.url}/api/dossiers/${dossier.code}/results?name=ket-qua.pdf`, { method: 'PUT', headers: { 'content-type': 'application/pdf', authorization: `Bearer ${tokenOf(CONFIG, 'backoffice-tckh')}` }, body: new Uint8Array(await pdf.save()) });
    if (put.status !== 200) throw new Error(`result upload: ${put.status} ${await put.text()}`);
    await run('backoffice', 'dossier:act', { code: dossier.code, action: 'done' });
    return { sent, lost, lease };
  } finally {
    Object.values(t).forEach((s) => s.close());
    await hub.close();
  }
}

describe.skipIf(POSTGRES_MISSING !== null)('motcua province import: the command log\'s answers name the province ids of their rows (real hubs, real PostgreSQL)', () => {
  let dbs: ImportDatabases;
  let tmp: ReturnType<typeof tempDir>;
  let fileA: string;
  let fileB: string;
  let history: Awaited<ReturnType<typeof buildHistory>>;



  beforeAll(async () => {
    dbs = await ImportDatabases.start('answers');
    tmp = tempDir('motcua-import-answers-');
    fileA = path.join(tmp.dir, 'hoan-kiem', 'hub.sqlite');
    fileB = path.join(tmp.dir, 'ba-dinh', 'hub.sqlite');
    mkdirSync(path.dirname(fileA));
    mkdirSync(path.join(tmp.dir, 'province'));
    history = await buildHistory(fileA);
    await buildBaDinhHistory(fileB);
  }, 240_000);
  afterAll(async () => {
    await dbs?.stop();
    tmp?.remove();
  });

  it('a terminal replaying a command applied before the import gets its first answer with the PostgreSQL ids; a delivery superseding a pre-import issue cancels that ticket, not the one its SQLite id now names', { timeout: 180_000 }, async () => {
    const { url, pool } = await dbs.fresh();
    await dbs.importFile(url, fileB, BA_DINH); // its tickets take ids 1–3
    // Result-file ids another centre's hub already took: each identity table moves by its own offset.
    await pool.query(`SELECT setval(pg_get_serial_sequence('dossier_results', 'id'), 40)`);
    const report = await dbs.importFile(url, fileA, HOAN_KIEM);
    expect(report.offsets.tickets!.offset).toBe(3);
    expect(report.offsets.dossier_results!.offset).toBe(40);

    // Every stored answer, against the file's: equal but for the ids, each naming the same row in PostgreSQL.
    const source = new BetterSqlite3(fileA, { readonly: true });
    const hub: Hub = await startHub(path.join(tmp.dir, 'province', 'hub.sqlite'), { store: { kind: 'postgres', url, centreId: HOAN_KIEM.id, poolSize: 3 }, clock: () => vn('2026-11-23T10:00') });
    let t: Terminals | null = null;
    try {
      const stored = await compareImportedAnswers(source, pool, HOAN_KIEM.id);
      expect(stored.problems).toEqual([]);
      expect(stored.ids).toMatchObject({
        'ticket:issue': ['ticket.id'],
        'ticket:cancel': ['ticket.id'],
        'ticket:deliver-offline': ['superseded.ticketId', 'ticket.id'],
        'ticket:rate': ['rating.ticketId'],
        'appointment:check-in': ['appointment.ticketId', 'ticket.id'],
        'dossier:receive': ['dossier.ticketId'],
        'dossier:act': ['dossier.ticketId', 'results[].id'],
        'dossier:attach-result': ['dossier.ticketId', 'results[].id'],
      });

      // The terminals' outboxes sent again, to a hub of the province: the first answers, with the province's ids, and nothing done twice.
      t = await connectTerminals(hub.url);
      const tickets = async () => (await pool.query(`SELECT count(*)::int AS n FROM tickets WHERE centre_id = 'hoan-kiem'`)).rows[0];
      const before = await tickets();
      // Answers without ids: a lease names numbers, an officer's sign-in the officer.
      const withoutIds: readonly CommandName[] = ['ticket:lease-numbers', 'officer:sign-in'];
      expect(history.sent.filter((s) => !withoutIds.includes(s.name))).toHaveLength(16);
      for (const s of history.sent) {
        const replayed = await send(t[s.from], s.name, s.input);
        const storedAnswer = JSON.parse((await pool.query<{ result_json: string }>('SELECT result_json FROM commands WHERE command_id = $1', [s.input.commandId])).rows[0]!.result_json) as unknown;
        expect(replayed, `${s.name} replays the stored answer`).toEqual(storedAnswer);
        const c = await compareAnswer(source, pool, HOAN_KIEM.id, s.answer, replayed);
        expect(c.problems, s.name).toEqual([]);
        if (!withoutIds.includes(s.name)) expect(c.ids.length, `${s.name}: ids compared`).toBeGreaterThan(0);
      }
      expect(await tickets()).toEqual(before);

      // Spelled out for the ticket a kiosk issued first: its replay names the province's id of the same number.
      const first = history.sent[0]!;
      const firstTicket = valueOf('issue', first.answer).ticket as TicketOf;
      const replayed = valueOf('replay', await send(t.kiosk, first.name, first.input)).ticket as TicketOf;
      const pgId = (await pool.query<{ id: number }>(`SELECT id FROM tickets WHERE centre_id = 'hoan-kiem' AND day = $1 AND service_id = $2 AND number = $3`, [firstTicket.day, firstTicket.serviceId, firstTicket.number])).rows[0]!.id;
      expect(replayed).toMatchObject({ id: pgId, number: firstTicket.number });
      expect(pgId).toBe(firstTicket.id + 3);

      // P's ack was lost before the import; the kiosk now delivers its offline paper for that tap.
      // Without the moved ids the hub would read P's SQLite id, which in the province is ticket B
      // of this centre (still waiting), and cancel the wrong citizen's ticket.
      const p = history.lost.ticket;
      const pId = (await pool.query<{ id: number }>(`SELECT id FROM tickets WHERE centre_id = 'hoan-kiem' AND day = $1 AND number = $2`, [p.day, p.number])).rows[0]!.id;
      const occupant = (await pool.query<{ number: number; state: string }>(`SELECT number, state FROM tickets WHERE centre_id = 'hoan-kiem' AND id = $1`, [p.id])).rows[0]!;
      expect(occupant).toMatchObject({ state: 'waiting' });
      expect(occupant.number).not.toBe(p.number);
      const delivered = valueOf('deliver', await send(t.kiosk, 'ticket:deliver-offline', { commandId: commandId(), serviceId: 'ho-tich', day: history.lease.day, number: history.lease.from + 1, issuedAt: vn('2026-11-23T09:41').toISOString(), supersedes: history.lost.commandId }));
      expect(delivered.superseded).toEqual({ ticketId: pId, number: p.number, cancelled: true });
      const states = await pool.query<{ number: number; state: string }>(`SELECT number, state FROM tickets WHERE centre_id = 'hoan-kiem' AND number = ANY($1) ORDER BY number`, [[p.number, occupant.number]]);
      expect(states.rows).toEqual([{ number: occupant.number, state: 'waiting' }, { number: p.number, state: 'cancelled' }]);
    } finally {
      if (t) Object.values(t).forEach((s) => s.close());
      await hub.close();
      source.close();
    }
  });

  it('refuses a file whose stored answer has an id that is not one, naming the command; nothing is imported', { timeout: 120_000 }, async () => {
    const { url, pool } = await dbs.fresh();
    const dir = path.join(tmp.dir, 'changed-answer');
    mkdirSync(dir);
    const file = path.join(dir, 'hub.sqlite');
    copyFileSync(fileA, file);
    const db = new BetterSqlite3(file);
    const row = db.prepare(`SELECT command_id, result_json FROM commands WHERE name = 'ticket:rate'`).get() as { command_id: string; result_json: string };
    const answer = JSON.parse(row.result_json) as { value: { rating: { ticketId: unknown } } };
    answer.value.rating.ticketId = 'một';
    db.prepare('UPDATE commands SET result_json = ? WHERE command_id = ?').run(JSON.stringify(answer), row.command_id);
    db.close();

    const failed = dbs.importFile(url, file, HOAN_KIEM);
    await expect(failed).rejects.toBeInstanceOf(StoreToolError);
    await expect(failed).rejects.toMatchObject({
      kind: 'invalid-input',
      message: `Bảng commands, dòng command_id="${row.command_id}": câu trả lời đã lưu của lệnh ticket:rate có rating.ticketId = "một", không phải một mã số. Không nhập gì.\nTable commands, row command_id="${row.command_id}": the stored answer of ticket:rate has rating.ticketId = "một", not an id. Nothing imported.`,
    });
    for (const table of ['tickets', 'commands', 'imports', 'centres']) expect((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0], table).toEqual({ n: 0 });
  });
});
