import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupError } from '../../hub/backup/backup-crypto';
import { ChunkOpener, ChunkSealer, openStream, sealStream } from '../../hub/backup/backup-stream';

const PASS = 'khoá sao lưu của tỉnh';
const CHEAP = { log2N: 10, r: 8, p: 1 };
/** 4 KiB chunks: records of 4,112 bytes after a header of 52. */
const LOG2 = 12;
const CHUNK = 2 ** LOG2;
const RECORD = CHUNK + 16;
const HEADER = 52;

/** `bytes` in pieces of uneven sizes, as a pipe hands them over. */
async function* pieces(bytes: Buffer, sizes = [1, 7, 4096, 333, 9000]): AsyncGenerator<Buffer> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const b of stream) out.push(b);
  return Buffer.concat(out);
}

const seal = (plain: Buffer) => collect(sealStream(pieces(plain), PASS, CHEAP, LOG2));
const open = (sealed: Buffer, pass = PASS) => collect(openStream(pieces(sealed, [5000, 17, 1]), pass));
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as BackupError);

describe('the chunked backup format (version 2): any size with one chunk in memory, records that cannot be changed, moved or cut', () => {
  it('round-trips every size around the chunk boundaries, fed in uneven pieces', async () => {
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5]) {
      const plain = randomBytes(size);
      const sealed = await seal(plain);
      // A header, then one record per started chunk (an empty input or an exact multiple still ends with a last record).
      const records = Math.max(1, Math.ceil(size / CHUNK));
      expect(sealed.length, `size ${size}`).toBe(HEADER + size + 16 * records);
      expect(sealed.subarray(0, 9).toString('latin1')).toBe('MOTCUABK\u0002');
      expect((await open(sealed)).equals(plain), `size ${size}`).toBe(true);
    }
  });

  it('holds back at most a chunk on each side: 8 MiB sealed and opened, each step answering what it completes', () => {
    const sealer = new ChunkSealer(PASS, CHEAP, LOG2);
    const opener = new ChunkOpener(PASS);
    const piece = randomBytes(65_536);
    let out = 0;
    for (let i = 0; i < 128; i++) {
      for (const record of sealer.push(piece)) {
        for (const plain of opener.push(record)) {
          expect(plain.length).toBe(CHUNK);
          expect(plain.equals(piece.subarray((out % 65_536), (out % 65_536) + CHUNK))).toBe(true);
          out += plain.length;
        }
      }
      // Everything has come out but what each side holds back because it may be the last: the
      // sealer's chunk and the opener's record.
      expect(i * 65_536 + 65_536 - out).toBeLessThanOrEqual(2 * CHUNK);
    }
    for (const record of sealer.end()) for (const plain of opener.push(record)) out += plain.length;
    for (const plain of opener.end()) out += plain.length;
    expect(out).toBe(128 * 65_536);
  });

  it('refuses a wrong key at the header, before any plain byte', async () => {
    const sealed = await seal(randomBytes(3 * CHUNK));
    expect(await refusal(open(sealed, 'một khoá khác'))).toMatchObject({ kind: 'wrong-key' });
  });

  it('refuses a changed byte, a changed header, swapped records, a dropped last record, a cut record and an extra record', async () => {
    const plain = randomBytes(3 * CHUNK + 100);
    const sealed = await seal(plain);
    const record = (i: number) => sealed.subarray(HEADER + i * RECORD, HEADER + (i + 1) * RECORD);
    const header = sealed.subarray(0, HEADER);
    const changedByte = Buffer.from(sealed);
    changedByte[HEADER + RECORD + 10]! ^= 1;
    const changedHeader = Buffer.from(sealed);
    changedHeader[20]! ^= 1; // the salt: the key check then fails, or the tags do
    const swapped = Buffer.concat([header, record(1), record(0), sealed.subarray(HEADER + 2 * RECORD)]);
    const dropped = sealed.subarray(0, HEADER + 3 * RECORD);
    const cut = sealed.subarray(0, sealed.length - 7);
    const extra = Buffer.concat([sealed, record(0)]);
    for (const [what, bad] of Object.entries({ changedByte, swapped, dropped, cut, extra })) {
      const e = await refusal(open(bad));
      expect(e, what).toBeInstanceOf(BackupError);
      expect(e?.kind, what).toBe('tampered');
    }
    expect((await refusal(open(changedHeader)))?.kind).toMatch(/^(wrong-key|tampered)$/);
    // What came out before a damaged record was good; nothing after it comes out.
    const seen: Buffer[] = [];
    const e = await refusal((async () => {
      for await (const b of openStream(pieces(changedByte), PASS)) seen.push(b);
    })());
    expect(e?.kind).toBe('tampered');
    expect(Buffer.concat(seen).equals(plain.subarray(0, CHUNK))).toBe(true);
  });

  it('says what is not a backup or too short to be one', async () => {
    expect((await refusal(open(Buffer.from('PGDMP and more bytes than a header holds, surely more than fifty-three'))))?.kind).toBe('not-a-backup');
    expect((await refusal(open(Buffer.alloc(10))))?.kind).toBe('not-a-backup');
    const sealed = await seal(randomBytes(10));
    expect((await refusal(open(sealed.subarray(0, HEADER + 5))))?.kind).toBe('tampered');
  });
});
