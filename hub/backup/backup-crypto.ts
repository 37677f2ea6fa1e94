import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The encrypted backup file, version 1 (a centre's SQLite file; version 2, sealed in chunks, is backup-stream.ts):
 *
 *   magic "MOTCUABK" (8) | version 1 (1) | scrypt log2 N (1) | r (1) | p (1) | salt (16) | iv (12) | key check (16)
 *   | AES-256-GCM ciphertext of the SQLite file | GCM tag (16)
 *
 * The key is scrypt(passphrase, salt). The whole header is the GCM's additional data, so a
 * changed header fails like a changed body. The key check (SHA-256 of the key, domain-separated,
 * first 16 bytes) tells a wrong passphrase apart from a damaged or tampered file.
 */
export const BACKUP_MAGIC = Buffer.from('MOTCUABK', 'ascii');
const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const CHECK_BYTES = 16;
const TAG_BYTES = 16;
const HEADER_BYTES = BACKUP_MAGIC.length + 4 + SALT_BYTES + IV_BYTES + CHECK_BYTES;

export interface KdfCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}
/** OWASP's scrypt floor is N=2^17 r=8 p=1; 2^15 keeps a restore on a kiosk-class PC under a second. */
export const DEFAULT_KDF: KdfCost = { log2N: 15, r: 8, p: 1 };

export type BackupRefusal = 'not-a-backup' | 'unsupported-version' | 'wrong-key' | 'tampered';
export class BackupError extends Error {
  constructor(
    readonly kind: BackupRefusal,
    message: string,
  ) {
    super(message);
  }
}

export function deriveBackupKey(passphrase: string, salt: Buffer, kdf: KdfCost): Buffer {
  const N = 2 ** kdf.log2N;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r });
}

export function keyCheck(key: Buffer): Buffer {
  return createHash('sha256').update('motcua backup key check\0').update(key).digest().subarray(0, CHECK_BYTES);
}

/** The header's scrypt cost (both versions), bounded: a forged header must not make the restore allocate gigabytes. */
export function readKdfCost(header: Buffer): KdfCost {
  const [log2N = 0, r = 0, p = 0] = header.subarray(BACKUP_MAGIC.length + 1, BACKUP_MAGIC.length + 4);
  if (log2N < 10 || log2N > 20 || r < 1 || r > 16 || p < 1 || p > 4) throw new BackupError('tampered', 'the backup header is damaged or was changed');
  return { log2N, r, p };
}

export function encryptBackup(plain: Buffer, passphrase: string, kdf: KdfCost = DEFAULT_KDF): Buffer {
  if (passphrase.length === 0) throw new BackupError('wrong-key', 'the backup passphrase is empty');
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = deriveBackupKey(passphrase, salt, kdf);
  const header = Buffer.concat([BACKUP_MAGIC, Buffer.from([VERSION, kdf.log2N, kdf.r, kdf.p]), salt, iv, keyCheck(key)]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function decryptBackup(file: Buffer, passphrase: string): Buffer {
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
    throw new BackupError('not-a-backup', 'this is not a motcua backup file');
  }
  const version = file[BACKUP_MAGIC.length];
  if (version === 2) {
    throw new BackupError('not-a-backup', "this backup holds the province database (version 2, sealed in chunks), not a centre's SQLite file: restore it with `motcua province restore FILE --store URL`");
  }
  if (version !== VERSION) throw new BackupError('unsupported-version', `backup format version ${version ?? '?'} is not known to this motcua (it reads version ${VERSION})`);
  const { log2N, r, p } = readKdfCost(file);
  let at = BACKUP_MAGIC.length + 4;
  const salt = file.subarray(at, (at += SALT_BYTES));
  const iv = file.subarray(at, (at += IV_BYTES));
  const check = file.subarray(at, (at += CHECK_BYTES));
  const header = file.subarray(0, at);
  const key = deriveBackupKey(passphrase, salt, { log2N, r, p });
  if (!timingSafeEqual(keyCheck(key), check)) throw new BackupError('wrong-key', 'wrong backup key: the passphrase does not open this backup');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(file.subarray(at, file.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupError('tampered', 'the backup file was changed or is damaged: its authentication tag does not match; nothing was restored');
  }
}
