import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/queue/types';
import { commandId, connectCounter, connectDevice, demoConfig, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { runMotcua } from '../support/motcua-cli';

const PASS = 'mật khẩu sao lưu của trung tâm';
const KEY = { MOTCUA_BACKUP_KEY: PASS };
const APPLICANT = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' };

interface Acked<T> {
  readonly commandId: string;
  /** When the hub's acknowledgement arrived (performance.now()). */
  readonly at: number;
  readonly value: T;
}

describe('backup and restore: a real hub process under a burst, backed up mid-burst by the CLI, restored, started again', () => {
  const hubs: HubProcess[] = [];
  const sockets: DeviceSocket[] = [];
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    for (const h of hubs.splice(0)) await h.stop();
    dirs.splice(0).forEach((d) => d.remove());
  });

  it('finds every ticket and dossier acknowledged before the backup began, and the restored chains verify', { timeout: 420_000 }, async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const config = demoConfig();
    const liveDir = path.join(tmp.dir, 'live');
    const live = await startHubProcess({ dataDir: liveDir, config });
    hubs.push(live);
    const kiosk = (await connectDevice(live.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    const counter = (await connectCounter(live.url, 'counter-3')).socket;
    sockets.push(kiosk, counter);

    const tickets: Acked<Ticket>[] = [];
    const dossiers: Acked<string>[] = [];
    let stop = false;
    // Paced (≤ 50 commands/s per loop): unpaced, two loops on a quiet machine issue the service's
    // whole day block (1001–1999) before the CLI's backup is done, and the hub rightly refuses more.
    const pace = () => new Promise((r) => setTimeout(r, 20));
    const ticketBurst = async () => {
      while (!stop) {
        const id = commandId();
        const r = await kiosk.emitWithAck('ticket:issue', { commandId: id, serviceId: 'ho-tich', priority: 'normal' });
        if (!r.ok) throw new Error(r.error.message);
        tickets.push({ commandId: id, at: performance.now(), value: r.value.ticket });
        await pace();
      }
    };
    const dossierBurst = async () => {
      while (!stop) {
        const id = commandId();
        const r = await counter.emitWithAck('dossier:receive', { commandId: id, procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 100000 });
        if (!r.ok) throw new Error(r.error.message);
        dossiers.push({ commandId: id, at: performance.now(), value: r.value.dossier.code });
        await pace();
      }
    };
    const burst = Promise.all([ticketBurst(), ticketBurst(), dossierBurst()]);
    let failed: unknown = null;
    burst.catch((e: unknown) => (failed = e));
    // A refused command ends the burst: fail then, not at the test's timeout.
    const waitFor = async (ok: () => boolean) => {
      while (!ok()) {
        if (failed) throw failed;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await waitFor(() => tickets.length >= 20 && dossiers.length >= 10);

    const backupFile = path.join(tmp.dir, 'centre.motcua-backup');
    const began = performance.now();
    const backup = await runMotcua(['backup', '--out', backupFile, '--data-dir', liveDir], KEY);
    const ended = performance.now();
    const during = tickets.filter((t) => t.at > began && t.at < ended).length;
    await waitFor(() => tickets.filter((t) => t.at > ended).length >= 5);
    stop = true;
    await burst;
    expect(backup.stderr).toBe('');
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringMatching(/^backup written: .*centre\.motcua-backup \(\d+ bytes, sha256 [0-9a-f]{64}\)\n$/) });
    expect(during).toBeGreaterThan(0); // the hub kept acknowledging while the backup ran

    const before = { tickets: tickets.filter((t) => t.at < began), dossiers: dossiers.filter((d) => d.at < began) };
    expect(before.tickets.length).toBeGreaterThanOrEqual(20);
    expect(before.dossiers.length).toBeGreaterThanOrEqual(10);

    // Restore: a wrong key and a changed file are refused, the right key restores and records it.
    const tampered = path.join(tmp.dir, 'tampered.motcua-backup');
    const bytes = readFileSync(backupFile);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x40;
    writeFileSync(tampered, bytes);
    const restoredDir = path.join(tmp.dir, 'restored');
    const [wrongKey, changed, restore] = await Promise.all([
      runMotcua(['restore', backupFile, '--to', path.join(tmp.dir, 'wrong-key')], { MOTCUA_BACKUP_KEY: 'not the centre passphrase' }),
      runMotcua(['restore', tampered, '--to', path.join(tmp.dir, 'tampered')], KEY),
      runMotcua(['restore', backupFile, '--to', restoredDir], KEY),
    ]);
    expect(wrongKey).toMatchObject({ code: 1, stderr: expect.stringContaining('restore refused: wrong backup key') });
    expect(changed).toMatchObject({ code: 1, stderr: expect.stringContaining('restore refused: the backup file was changed or is damaged') });
    expect(restore.stderr).toBe('');
    expect(restore).toMatchObject({ code: 0, stdout: expect.stringMatching(/restored: .*hub\.sqlite\naudit chains: ok, \d+ rows\n$/) });

    const verify = await runMotcua(['audit', 'verify', '--data-dir', restoredDir]);
    // One control-sheet row per dossier in the copy, plus the restore's own audit row.
    const copy = new BetterSqlite3(path.join(restoredDir, 'hub.sqlite'), { readonly: true });
    const rows = (copy.prepare(`SELECT (SELECT count(*) FROM dossier_history) + (SELECT count(*) FROM audit_log) AS n`).get() as { n: number }).n;
    copy.close();
    expect(verify).toMatchObject({ code: 0, stdout: `ok, ${rows} rows\n` });

    // The live hub recorded the backup in its own chain.
    await live.stop();
    const liveDb = new BetterSqlite3(path.join(liveDir, 'hub.sqlite'), { readonly: true });
    expect(liveDb.prepare(`SELECT action, subject FROM audit_log`).all()).toEqual([{ action: 'backup.create', subject: 'centre.motcua-backup' }]);
    liveDb.close();

    // A hub started on the restored folder has every acknowledged ticket and dossier of before the backup.
    const restored = await startHubProcess({ dataDir: restoredDir, config });
    hubs.push(restored);
    const kiosk2 = (await connectDevice(restored.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    const counter2 = (await connectCounter(restored.url, 'counter-3')).socket;
    sockets.push(kiosk2, counter2);
    for (const t of before.tickets) {
      // The replay answers from the command log, written in the ticket's own transaction: the same ticket.
      expect(await kiosk2.emitWithAck('ticket:issue', { commandId: t.commandId, serviceId: 'ho-tich', priority: 'normal' })).toMatchObject({ ok: true, value: { ticket: t.value } });
    }
    const snapshot = await kiosk2.emitWithAck('sync:snapshot');
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    expect(snapshot.value.waiting['ho-tich']).toBeGreaterThanOrEqual(before.tickets.length);
    const fresh = await kiosk2.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' });
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(fresh.value.ticket.number).toBeGreaterThan(Math.max(...before.tickets.map((t) => t.value.number))); // no number handed out twice
    for (const d of before.dossiers) {
      const r = await counter2.emitWithAck('dossier:get', { commandId: commandId(), code: d.value });
      expect(r).toMatchObject({ ok: true, value: { dossier: { code: d.value, status: 'received', applicant: { idNumber: APPLICANT.idNumber } }, history: [{ action: 'receive' }] } });
    }
  });
});
