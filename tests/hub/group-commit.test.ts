import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../core/devices';
import { CommandRunner, type CommandHandlers } from '../../hub/commands/command-runner';
import { openDatabase } from '../../hub/db/open-database';
import { sqliteCommandStore } from '../../hub/store/sqlite/command-store';
import { commandId, tempDir } from '../support/centre';

const kiosk: DeviceInfo = { id: 'kiosk-1', role: 'kiosk', name: 'Kiosk', counterId: null, printer: null };

describe('group commit', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('runs commands submitted together in one transaction, each in its own savepoint, and answers after the commit', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const file = path.join(tmp.dir, 'hub.sqlite');
    const db = openDatabase(file);
    db.exec('CREATE TABLE marks (serviceId TEXT NOT NULL)');
    // A second connection sees only what is committed.
    const reader = new BetterSqlite3(file, { readonly: true });
    const committedMarks = () => (reader.prepare('SELECT count(*) AS n FROM marks').get() as { n: number }).n;
    const seenInside: number[] = [];
    const effects: string[] = [];
    const insert = db.prepare('INSERT INTO marks (serviceId) VALUES (?)');
    const handlers = {
      // Async, as every handler is: the statements still run inside the group's one transaction.
      'ticket:issue': async (ctx, input) => {
        await Promise.resolve();
        insert.run(input.serviceId);
        await Promise.resolve();
        seenInside.push(committedMarks());
        if (input.serviceId === 'refused') ctx.fail('conflict', 'Từ chối để thử.');
        ctx.afterCommit(() => effects.push(input.serviceId));
        return { ticket: null, waitingAhead: 0, estimatedWaitMinutes: null } as never;
      },
    } as Partial<CommandHandlers> as CommandHandlers;
    const runner = new CommandRunner(sqliteCommandStore(db), () => new Date('2026-11-23T02:00:00.000Z'), handlers);

    const services = ['ho-tich', 'refused', 'dat-dai', 'chung-thuc'];
    const answers = await Promise.all(services.map((serviceId) => runner.submit(kiosk, 'ticket:issue', { commandId: commandId(), serviceId })));

    expect(answers.map((a) => a.ok)).toEqual([true, false, true, true]);
    // Nothing of the group was visible to another connection while it ran: one transaction, one commit.
    expect(seenInside).toEqual([0, 0, 0, 0]);
    // The refused command's insert rolled back alone; the others are on disk.
    expect((reader.prepare('SELECT serviceId FROM marks ORDER BY rowid').all() as { serviceId: string }[]).map((r) => r.serviceId)).toEqual(['ho-tich', 'dat-dai', 'chung-thuc']);
    expect((reader.prepare('SELECT ok FROM commands ORDER BY rowid').all() as { ok: number }[]).map((r) => r.ok)).toEqual([1, 0, 1, 1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(effects).toEqual(['ho-tich', 'dat-dai', 'chung-thuc']);
    reader.close();
    db.close();
  });

  it('an internal failure of one command answers internal, is not logged, and the rest of the group commits', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const db = openDatabase(path.join(tmp.dir, 'hub.sqlite'));
    const handlers = {
      'ticket:issue': async (_ctx, input) => {
        if (input.serviceId === 'crash') throw new Error('hỏng');
        return { ticket: null, waitingAhead: 0, estimatedWaitMinutes: null } as never;
      },
    } as Partial<CommandHandlers> as CommandHandlers;
    const runner = new CommandRunner(sqliteCommandStore(db), () => new Date('2026-11-23T02:00:00.000Z'), handlers);
    const ids = [commandId(), commandId()];
    const [crashed, fine] = await Promise.all([runner.submit(kiosk, 'ticket:issue', { commandId: ids[0], serviceId: 'crash' }), runner.submit(kiosk, 'ticket:issue', { commandId: ids[1], serviceId: 'ho-tich' })]);
    expect(crashed).toEqual({ ok: false, error: { kind: 'internal', message: 'Lỗi máy chủ: hỏng' } });
    expect(fine.ok).toBe(true);
    expect(db.prepare('SELECT command_id FROM commands').all()).toEqual([{ command_id: ids[1] }]);
    db.close();
  });
});
