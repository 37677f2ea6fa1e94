import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupError, decryptBackup, encryptBackup, type KdfCost } from '../../hub/backup/backup-crypto';

// The cheapest cost the reader accepts: these tests are about the format, not the work factor.
const CHEAP: KdfCost = { log2N: 10, r: 8, p: 1 };
const PASS = 'trung tâm một cửa 2026';
const refusal = (f: () => unknown): BackupError => {
  try {
    f();
  } catch (e) {
    if (e instanceof BackupError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('backup file: AES-256-GCM under a scrypt key, with a versioned, authenticated header', () => {
  const plain = Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(4096)]);

  it('round-trips, and never carries the plain bytes', () => {
    const sealed = encryptBackup(plain, PASS, CHEAP);
    expect(sealed.subarray(0, 9)).toEqual(Buffer.from('MOTCUABK\x01', 'latin1'));
    expect(sealed.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(decryptBackup(sealed, PASS)).toEqual(plain);
    // A fresh salt and IV each time: two backups of the same database differ.
    expect(encryptBackup(plain, PASS, CHEAP).equals(sealed)).toBe(false);
  });

  it('a wrong passphrase is named as such', () => {
    const sealed = encryptBackup(plain, PASS, CHEAP);
    expect(refusal(() => decryptBackup(sealed, 'not the passphrase'))).toMatchObject({ kind: 'wrong-key', message: expect.stringContaining('wrong backup key') });
  });

  it('one changed byte in the body, the tag or the header is a tampered file', () => {
    const sealed = encryptBackup(plain, PASS, CHEAP);
    for (const at of [60, 500, sealed.length - 1, sealed.length - 20]) {
      const bad = Buffer.from(sealed);
      bad[at] = (bad[at] ?? 0) ^ 0x01;
      expect(refusal(() => decryptBackup(bad, PASS))).toMatchObject({ kind: 'tampered', message: expect.stringContaining('changed or is damaged') });
    }
    const iv = Buffer.from(sealed);
    iv[8 + 4 + 16] = (iv[8 + 4 + 16] ?? 0) ^ 0x01; // first byte of the IV: covered by the tag as additional data
    expect(refusal(() => decryptBackup(iv, PASS)).kind).toBe('tampered');
    const cost = Buffer.from(sealed);
    cost[9] = 30; // a forged work factor must not make the reader allocate gigabytes
    expect(refusal(() => decryptBackup(cost, PASS)).kind).toBe('tampered');
    expect(refusal(() => decryptBackup(sealed.subarray(0, sealed.length - 1000), PASS)).kind).toBe('tampered');
  });

  it('not a backup, or a version it does not know', () => {
    expect(refusal(() => decryptBackup(plain, PASS))).toMatchObject({ kind: 'not-a-backup' });
    expect(refusal(() => decryptBackup(Buffer.alloc(10), PASS)).kind).toBe('not-a-backup');
    const v3 = encryptBackup(plain, PASS, CHEAP);
    v3[8] = 3;
    expect(refusal(() => decryptBackup(v3, PASS))).toMatchObject({ kind: 'unsupported-version', message: expect.stringContaining('version 3') });
    // Version 2 is the province database's, sealed in chunks (backup-stream.ts): a centre's restore says where it goes.
    const province = Buffer.from(v3);
    province[8] = 2;
    expect(refusal(() => decryptBackup(province, PASS))).toMatchObject({ kind: 'not-a-backup', message: expect.stringContaining('motcua province restore') });
  });

  it('an empty passphrase is refused when writing', () => {
    expect(refusal(() => encryptBackup(plain, '', CHEAP)).kind).toBe('wrong-key');
  });
});
