import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPin } from '../../hub/clerks/pin-hash';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const hashPin = (input: string) => spawnSync(process.execPath, [BIN, 'hash-pin'], { cwd: REPO_ROOT, input, encoding: 'utf8', timeout: 60_000 });

describe('motcua hash-pin', () => {
  it('prints a hash the hub accepts for that PIN and no other', () => {
    const r = hashPin('4321\n');
    expect(r.status).toBe(0);
    const hash = r.stdout.trim();
    expect(hash).toMatch(/^scrypt\$/);
    expect(verifyPin('4321', hash)).toBe(true);
    expect(verifyPin('4322', hash)).toBe(false);
    // A new salt each time: the same PIN never gives the same line twice.
    expect(hashPin('4321').stdout.trim()).not.toBe(hash);
    // Two CLI starts (tsx compiles on start): each may take its spawn timeout on a loaded machine.
  }, 130_000);

  it('refuses what is not a PIN, saying what one is', () => {
    const r = hashPin('12\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Mã PIN gồm 4–12 chữ số');
  });
});
