import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminLock, LOCKOUT_MS, MAX_WRONG_PINS } from '../../main/electron/admin-lock';
import { adminLockFile, adminLockFileOf } from '../../main/electron/admin-lock-file';
import { tempDir } from '../support/centre';

const plainVerify = (pin: string, hash: string) => hash === `plain:${pin}`;

/** The terminal's admin PIN (kiosk lockdown): its lock kept in a file, so restarting the terminal does not lift it. */
describe('terminal admin PIN lockout, persisted beside the terminal config', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) {
      chmodSync(d.dir, 0o700);
      d.remove();
    }
  });
  const setUp = () => {
    const d = tempDir('motcua-admin-lock-');
    dirs.push(d);
    let now = 1_800_000_000_000;
    const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
    const file = adminLockFileOf(path.join(d.dir, 'terminal.json'));
    const lock = () => new AdminLock({ pinHash: 'plain:1234', verify: plainVerify, now: clock.now, store: adminLockFile(file) });
    return { dir: d.dir, file, clock, lock };
  };

  it('5 wrong PINs lock for 15 minutes; a restarted terminal (a new lock on the same file) is still locked, then opens', () => {
    const { file, clock, lock } = setUp();
    expect(file.endsWith('admin-lock.json')).toBe(true);
    const first = lock();
    for (let i = 1; i < MAX_WRONG_PINS; i++) expect(first.tryPin('0000').kind).toBe('refused');
    expect(first.tryPin('0000')).toEqual({ kind: 'locked', retryInMs: 15 * 60_000 });
    expect(LOCKOUT_MS).toBe(15 * 60_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Exactly the count and the end of the lock: nothing of the PINs tried.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ wrong: 0, lockedUntil: clock.now() + 15 * 60_000 });

    clock.advance(10 * 60_000);
    const restarted = lock();
    expect(restarted.tryPin('1234')).toEqual({ kind: 'locked', retryInMs: 5 * 60_000 });
    clock.advance(5 * 60_000);
    expect(lock().tryPin('1234')).toEqual({ kind: 'granted' });
  });

  it('the count of wrong PINs survives a restart too, and a right PIN clears it on disk', () => {
    const { lock } = setUp();
    const first = lock();
    for (let i = 0; i < 3; i++) first.tryPin('0000');
    expect(lock().tryPin('0000')).toEqual({ kind: 'refused', attemptsLeft: 1 });
    expect(lock().tryPin('1234')).toEqual({ kind: 'granted' });
    expect(lock().tryPin('0000')).toEqual({ kind: 'refused', attemptsLeft: MAX_WRONG_PINS - 1 });
  });

  it('a missing or mangled file is no failures; a folder it cannot write keeps the lock in memory and says so', () => {
    const { dir, file, clock } = setUp();
    writeFileSync(file, '{"wrong": "many"}');
    expect(new AdminLock({ pinHash: 'plain:1234', verify: plainVerify, now: clock.now, store: adminLockFile(file) }).tryPin('0000')).toEqual({ kind: 'refused', attemptsLeft: MAX_WRONG_PINS - 1 });

    const readOnly = path.join(dir, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    const logged: string[] = [];
    const inMemory = new AdminLock({ pinHash: 'plain:1234', verify: plainVerify, now: clock.now, store: adminLockFile(path.join(readOnly, 'admin-lock.json'), (m) => logged.push(m)) });
    for (let i = 1; i < MAX_WRONG_PINS; i++) inMemory.tryPin('0000');
    expect(inMemory.tryPin('0000').kind).toBe('locked');
    // Root ignores file modes: then the write succeeds and there is nothing to log.
    if (process.getuid?.() !== 0) expect(logged[0]).toMatch(/could not keep the lock state/);
  });
});
