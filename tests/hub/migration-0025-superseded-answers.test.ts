import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { supersededAnswer } from '../../core/queue/numbering';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { SUPERSEDED_ANSWERS_VERSION } from '../../hub/db/migrations/0025-superseded-answers';
import type { Hub } from '../../hub/hub';
import { connectDevice, demoConfig, startHub, tempDir, tokenOf } from '../support/centre';

const before = MIGRATIONS.filter((m) => m.version < SUPERSEDED_ANSWERS_VERSION);

/**
 * A centre's file from before the hub logged a superseded command's answer itself: a kiosk's
 * offline paper 1990 delivered superseding `issue-lost` (never run: no answer), and paper 1991
 * superseding `issue-ran` (run and answered: its answer stays as it was).
 */
function fileBeforeTheMigration(file: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('foreign_keys = ON');
  migrate(db, before);
  const ticket = db.prepare(`INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by) VALUES ('2026-11-20', 'ho-tich', ?, ?, '2026-11-20T03:00:00.000Z', 'kiosk-1') RETURNING id`);
  const { id: leaseId } = db
    .prepare(`INSERT INTO number_leases (day, service_id, device_id, first_number, last_number, leased_at, command_id) VALUES ('2026-11-20', 'ho-tich', 'kiosk-1', 1990, 1999, '2026-11-20T02:00:00.000Z', 'lease-1') RETURNING id`)
    .get() as { id: number };
  const phantom = ticket.get(1001, 'cancelled') as { id: number };
  db.prepare(`INSERT INTO commands (command_id, device_id, name, result_json, at, ok) VALUES ('issue-ran', 'kiosk-1', 'ticket:issue', ?, '2026-11-20T03:00:00.000Z', 1)`).run(JSON.stringify({ ok: true, value: { ticket: { id: phantom.id, number: 1001 } } }));
  const offline = db.prepare(
    `INSERT INTO offline_tickets (ticket_id, lease_id, day, service_id, number, reported_issued_at, delivered_at, command_id, supersedes, superseded_ticket_id)
     VALUES (?, ?, '2026-11-20', 'ho-tich', ?, '2026-11-20T03:01:00.000Z', '2026-11-20T03:05:00.000Z', ?, ?, ?)`,
  );
  offline.run((ticket.get(1990, 'waiting') as { id: number }).id, leaseId, 1990, 'deliver-1', 'issue-lost', null);
  offline.run((ticket.get(1991, 'waiting') as { id: number }).id, leaseId, 1991, 'deliver-2', 'issue-ran', phantom.id);
  db.close();
}

describe('migration 0025: the answers of ticket:issue commands an offline ticket superseded before the hub logged them', () => {
  const dirs: { remove: () => void }[] = [];
  let hub: Hub | undefined;
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    dirs.splice(0).forEach((d) => d.remove());
  });

  it('logs the superseded refusal — the very text the hub writes — for a command never run, keeps an answered one, and a real hub answers the late original from it', async () => {
    const tmp = tempDir('motcua-m25-');
    dirs.push(tmp);
    const file = path.join(tmp.dir, 'hub.sqlite');
    fileBeforeTheMigration(file);

    const db = new BetterSqlite3(file);
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.filter((m) => m.version >= SUPERSEDED_ANSWERS_VERSION).map((m) => m.version));
    const commands = db.prepare('SELECT command_id, device_id, name, result_json, at, ok FROM commands ORDER BY command_id').all();
    expect(commands).toEqual([
      { command_id: 'issue-lost', device_id: 'kiosk-1', name: 'ticket:issue', result_json: JSON.stringify(supersededAnswer(1990)), at: '2026-11-20T03:05:00.000Z', ok: 0 },
      { command_id: 'issue-ran', device_id: 'kiosk-1', name: 'ticket:issue', result_json: expect.stringContaining('"ok":true'), at: '2026-11-20T03:00:00.000Z', ok: 1 },
    ]);
    const tickets = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    db.close();

    // The kiosk's original tap, arriving late (the same morning: the command log keeps 7 days):
    // answered the refusal, and no ticket issued for it.
    const config = demoConfig();
    hub = await startHub(file, { config, clock: () => new Date('2026-11-20T03:10:00.000Z') });
    const kiosk = await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'));
    try {
      expect(await kiosk.socket.emitWithAck('ticket:issue', { commandId: 'issue-lost', serviceId: 'ho-tich' })).toEqual(supersededAnswer(1990));
    } finally {
      kiosk.socket.close();
    }
    await hub.close();
    hub = undefined;
    const after = new BetterSqlite3(file, { readonly: true });
    expect((after.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBe(tickets);
    after.close();
  });
});
