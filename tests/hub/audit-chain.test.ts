import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAllChains } from '../../hub/audit/chain-verifier';
import { AUDIT_LOG_CHAIN, chainHash } from '../../hub/audit/hash-chain';
import { commandId, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { hubTestStore } from '../support/hub-store';
import { runMotcua } from '../support/motcua-cli';

const now = new Date('2026-11-20T09:00:00+07:00'); // a Friday morning
const APPLICANT = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' };

async function receive(counter: DeviceSocket): Promise<string> {
  const r = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 100000 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.dossier.code;
}

// Tampers with the SQLite file by hand; PostgreSQL's chains: tests/hub/pg/pg-chains-and-sequences.test.ts.
describe.skipIf(hubTestStore() === 'postgres')('audit: the Form 05 history and the administrative log are hash-chained (real hub, then sqlite by hand)', () => {
  const f = useHubFixture({ clock: () => now });

  /** Four dossiers received (four control-sheet rows) and two administrative actions; the hub closed; the file opened as a tamperer would. */
  async function recordedCentre() {
    const counter = (await f.open('counter-3')).socket;
    for (let i = 0; i < 4; i++) await receive(counter);
    await f.hub.audit.record({ actor: 'admin:lan', action: 'device.revoke', subject: 'kiosk-2' });
    await f.hub.audit.record({ actor: 'admin:lan', action: 'config.change', subject: 'services', detail: { added: 'xay-dung' } });
    await f.restart(); // the hub goes on writing on the same chain after a restart
    const again = (await f.open('counter-3')).socket;
    await receive(again);
    await f.hub.close();
    return new BetterSqlite3(path.join(f.dir, 'hub.sqlite'));
  }

  it('a fresh chain verifies: every control-sheet row and administrative action, across a restart', async () => {
    const db = await recordedCentre();
    expect(verifyAllChains(db)).toEqual({ ok: true, rows: 5 + 2 });
    db.close();
    const cli = await runMotcua(['audit', 'verify', '--data-dir', f.dir]);
    expect(cli).toMatchObject({ code: 0, stdout: 'ok, 7 rows\n' });
  });

  it("editing one row's text names that row: its content no longer matches its hash", async () => {
    const db = await recordedCentre();
    db.prepare(`UPDATE dossier_history SET actor_name = 'Người khác' WHERE id = 3`).run();
    expect(verifyAllChains(db)).toMatchObject({ ok: false, rows: 2, broken: { table: 'dossier_history', rowId: 3, problem: expect.stringContaining('the row was changed') } });
    db.close();
    const cli = await runMotcua(['audit', 'verify', '--data-dir', f.dir]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^broken: table dossier_history, row 3: hash .* does not match the row's content/);
  });

  it('deleting a row names the row after it: its prev_hash points at a row that is gone', async () => {
    const db = await recordedCentre();
    db.prepare(`DELETE FROM dossier_history WHERE id = 2`).run();
    expect(verifyAllChains(db)).toMatchObject({ ok: false, broken: { table: 'dossier_history', rowId: 3, problem: expect.stringMatching(/does not match row 1 .*deleted, inserted or moved/) } });
  });

  it('deleting the first row names the new first row: it does not start from the genesis hash', async () => {
    const db = await recordedCentre();
    db.prepare(`DELETE FROM dossier_history WHERE id = 1`).run();
    expect(verifyAllChains(db)).toMatchObject({ ok: false, broken: { table: 'dossier_history', rowId: 2, problem: expect.stringContaining('the start of the chain') } });
  });

  it('reordering two rows (swapping their ids, hashes and all) names the first one moved', async () => {
    const db = await recordedCentre();
    db.transaction(() => {
      db.prepare(`UPDATE dossier_history SET id = -2 WHERE id = 2`).run();
      db.prepare(`UPDATE dossier_history SET id = 2 WHERE id = 4`).run();
      db.prepare(`UPDATE dossier_history SET id = 4 WHERE id = -2`).run();
    })();
    expect(verifyAllChains(db)).toMatchObject({ ok: false, broken: { table: 'dossier_history', rowId: 2 } });
  });

  it('a rewritten administrative action is found even when the tamperer drops the append-only triggers and re-hashes that row', async () => {
    const db = await recordedCentre();
    db.exec(`DROP TRIGGER audit_log_no_update`);
    // Re-hashing the edited row alone is not enough: the next row still points at the old hash.
    const { prev_hash: prev } = db.prepare(`SELECT prev_hash FROM audit_log WHERE id = 1`).get() as { prev_hash: string };
    const forged = { id: 1, at: now.toISOString(), actor: 'admin:lan', action: 'device.revoke', subject: 'kiosk-9', detail_json: '{}' };
    db.prepare(`UPDATE audit_log SET subject = 'kiosk-9', hash = ? WHERE id = 1`).run(chainHash(prev, forged, AUDIT_LOG_CHAIN.columns));
    expect(verifyAllChains(db)).toMatchObject({ ok: false, rows: 5 + 1, broken: { table: 'audit_log', rowId: 2, problem: expect.stringContaining('does not match row 1') } });
  });

  it('a replayed command adds no second control-sheet row, and the chain holds', async () => {
    const counter = (await f.open('counter-3')).socket;
    const input = { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 100000 };
    expect(await counter.emitWithAck('dossier:receive', input)).toEqual(await counter.emitWithAck('dossier:receive', input));
    await f.hub.close();
    const db = new BetterSqlite3(path.join(f.dir, 'hub.sqlite'));
    expect(verifyAllChains(db)).toEqual({ ok: true, rows: 1 });
  });
});
