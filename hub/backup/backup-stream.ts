import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { BACKUP_MAGIC, BackupError, DEFAULT_KDF, deriveBackupKey, keyCheck, readKdfCost, type KdfCost } from './backup-crypto';

/**
 * The encrypted backup file, version 2: the same key and header fields as version 1
 * (backup-crypto.ts), but sealed in chunks, so a backup of any size is written and read with one
 * chunk in memory (the province database: tens of GB on a big province).
 *
 *   magic "MOTCUABK" (8) | version 2 (1) | scrypt log2 N (1) | r (1) | p (1) | salt (16)
 *   | nonce prefix (7) | log2 of the chunk size (1) | key check (16)
 *   | records: AES-256-GCM of each chunk of the plain bytes | its tag (16)
 *
 * Every record but the last holds a full chunk. Record i's nonce is the prefix, i (32 bits, big
 * endian) and a last-record flag (1 byte): the STREAM construction (Hoang, Reyhanitabar, Rogaway,
 * Vizár 2015), so records cannot be reordered, dropped, repeated or cut off at a record's end
 * without a tag failing. The header is every record's additional data.
 */
export const STREAM_VERSION = 2;
const SALT_BYTES = 16;
const PREFIX_BYTES = 7;
const CHECK_BYTES = 16;
const TAG_BYTES = 16;
const HEADER_BYTES = BACKUP_MAGIC.length + 4 + SALT_BYTES + PREFIX_BYTES + 1 + CHECK_BYTES;
/** 1 MiB chunks: a record's 16-byte tag is noise, the memory held is one chunk. */
export const DEFAULT_CHUNK_LOG2 = 20;
const MAX_RECORDS = 2 ** 32;

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  if (index >= MAX_RECORDS) throw new BackupError('tampered', 'the backup has more records than its format allows');
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

/** Bytes as they arrive in pieces, taken from the front in sizes of the reader's choosing. */
class ByteQueue {
  private pieces: Buffer[] = [];
  length = 0;

  push(bytes: Buffer): void {
    this.pieces.push(bytes);
    this.length += bytes.length;
  }

  /** The first `n` bytes (n ≤ length), removed. */
  take(n: number): Buffer {
    const all = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces);
    this.pieces = n < all.length ? [all.subarray(n)] : [];
    this.length = all.length - n;
    return all.subarray(0, n);
  }
}

/** Seals plain bytes as they come: push() answers the records ready, end() the last one. */
export class ChunkSealer {
  private readonly key: Buffer;
  private readonly prefix = randomBytes(PREFIX_BYTES);
  readonly header: Buffer;
  private readonly chunkBytes: number;
  private readonly pending = new ByteQueue();
  private index = 0;
  private headerSent = false;

  constructor(passphrase: string, kdf: KdfCost = DEFAULT_KDF, chunkLog2 = DEFAULT_CHUNK_LOG2) {
    if (passphrase.length === 0) throw new BackupError('wrong-key', 'the backup passphrase is empty');
    if (!Number.isInteger(chunkLog2) || chunkLog2 < 10 || chunkLog2 > 24) throw new RangeError(`chunk size 2^${chunkLog2} is outside 2^10..2^24`);
    const salt = randomBytes(SALT_BYTES);
    this.key = deriveBackupKey(passphrase, salt, kdf);
    this.chunkBytes = 2 ** chunkLog2;
    this.header = Buffer.concat([BACKUP_MAGIC, Buffer.from([STREAM_VERSION, kdf.log2N, kdf.r, kdf.p]), salt, this.prefix, Buffer.from([chunkLog2]), keyCheck(this.key)]);
  }

  /** The records (the header first) that `plain` completes; a full chunk is held back until more comes, as it may be the last. */
  push(plain: Buffer): Buffer[] {
    const out = this.start();
    this.pending.push(plain);
    // Strictly more than a chunk: what stays may be the last record.
    while (this.pending.length > this.chunkBytes) out.push(this.seal(this.pending.take(this.chunkBytes), false));
    return out;
  }

  /** The last record (and the header, for an empty input). */
  end(): Buffer[] {
    const out = this.start();
    out.push(this.seal(this.pending.take(this.pending.length), true));
    return out;
  }

  private start(): Buffer[] {
    if (this.headerSent) return [];
    this.headerSent = true;
    return [this.header];
  }

  private seal(chunk: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.index++, last));
    cipher.setAAD(this.header);
    return Buffer.concat([cipher.update(chunk), cipher.final(), cipher.getAuthTag()]);
  }
}

/**
 * Opens a version 2 file as its bytes come: push() answers the plain chunks whose tags held, end()
 * the last; a wrong key is refused at the header, a changed, reordered or cut record where it is.
 * A reader who must not act on a damaged file reads it through once before using what it says.
 */
export class ChunkOpener {
  private header: Buffer | null = null;
  private key: Buffer | null = null;
  private prefix: Buffer | null = null;
  private recordBytes = 0;
  private readonly held = new ByteQueue();
  private index = 0;

  constructor(private readonly passphrase: string) {}

  push(bytes: Buffer): Buffer[] {
    this.held.push(bytes);
    const out: Buffer[] = [];
    if (!this.header) {
      if (this.held.length < HEADER_BYTES) return out;
      this.readHeader(this.held.take(HEADER_BYTES));
    }
    // Strictly more than a record: the record that ends the file is the last one.
    while (this.held.length > this.recordBytes) out.push(this.open(this.held.take(this.recordBytes), false));
    return out;
  }

  end(): Buffer[] {
    if (!this.header) throw new BackupError('not-a-backup', 'this is not a motcua backup file');
    if (this.held.length < TAG_BYTES) throw new BackupError('tampered', 'the backup file is cut short: its last record is missing; nothing was restored');
    return [this.open(this.held.take(this.held.length), true)];
  }

  private readHeader(header: Buffer): void {
    if (!header.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) throw new BackupError('not-a-backup', 'this is not a motcua backup file');
    const version = header[BACKUP_MAGIC.length];
    if (version !== STREAM_VERSION) throw new BackupError('unsupported-version', `backup format version ${version ?? '?'} is not read as a stream`);
    const kdf = readKdfCost(header);
    let at = BACKUP_MAGIC.length + 4;
    const salt = header.subarray(at, (at += SALT_BYTES));
    const prefix = header.subarray(at, (at += PREFIX_BYTES));
    const chunkLog2 = header[at++]!;
    if (chunkLog2 < 10 || chunkLog2 > 24) throw new BackupError('tampered', 'the backup header is damaged or was changed');
    const check = header.subarray(at, (at += CHECK_BYTES));
    const key = deriveBackupKey(this.passphrase, salt, kdf);
    if (!timingSafeEqual(keyCheck(key), check)) throw new BackupError('wrong-key', 'wrong backup key: the passphrase does not open this backup');
    this.header = Buffer.from(header);
    this.key = key;
    this.prefix = Buffer.from(prefix);
    this.recordBytes = 2 ** chunkLog2 + TAG_BYTES;
  }

  private open(record: Buffer, last: boolean): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key!, nonce(this.prefix!, this.index++, last));
    decipher.setAAD(this.header!);
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new BackupError('tampered', `the backup file was changed or is damaged at record ${this.index}: its authentication tag does not match; nothing was restored`);
    }
  }
}

/** The sealed file's bytes for `plain`'s, one chunk held at a time. */
export async function* sealStream(plain: AsyncIterable<Buffer>, passphrase: string, kdf?: KdfCost, chunkLog2?: number): AsyncGenerator<Buffer> {
  const sealer = new ChunkSealer(passphrase, kdf, chunkLog2);
  for await (const bytes of plain) yield* sealer.push(bytes);
  yield* sealer.end();
}

/** The plain bytes of a version 2 file, as its records are read and their tags hold. */
export async function* openStream(sealed: AsyncIterable<Buffer>, passphrase: string): AsyncGenerator<Buffer> {
  const opener = new ChunkOpener(passphrase);
  for await (const bytes of sealed) yield* opener.push(bytes);
  yield* opener.end();
}
