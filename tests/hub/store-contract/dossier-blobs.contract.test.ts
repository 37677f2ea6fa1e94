import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryBlobs } from '../../../hub/dossiers/directory-blobs';
import { sha256Of, type DossierBlobs } from '../../../hub/dossiers/dossier-blobs';
import { DossierRepository } from '../../../hub/dossiers/dossier-repository';
import type { NewDossier } from '../../../hub/dossiers/dossier-rows';
import { BLOB_SLICE_BYTES, PgDossierBlobs } from '../../../hub/store/pg/pg-dossier-blobs';
import { PgDossierRepository } from '../../../hub/store/pg/pg-dossier-repository';
import { warnIfPostgresMissing } from '../../support/postgres';
import { storeKinds, type Twin } from './stores';

warnIfPostgresMissing('dossier blobs contract');

/**
 * DossierBlobs on both stores: the directory beside a SQLite hub and the province database's
 * dossier_blobs. A scan kept, replaced by a rescan; a result kept once under its SHA-256 (the same
 * bytes again, or at once from 8 writers, are one); several slices read back byte for byte;
 * removeAll takes a dossier's bytes and no other's. PostgreSQL only: the row keys and the
 * uncompressed out-of-line storage; a row gone mid-download ends the stream with an error.
 */
interface BlobStore {
  readonly blobs: DossierBlobs;
  readonly dossiers: Twin<DossierRepository>;
  readonly query?: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
}

const dirs: string[] = [];
const KINDS = storeKinds<BlobStore>(
  {
    sqlite(db) {
      const dir = mkdtempSync(path.join(tmpdir(), 'motcua-blobs-'));
      dirs.push(dir);
      return { blobs: new DirectoryBlobs(dir), dossiers: new DossierRepository(db) };
    },
    postgres({ store, pool }, centre) {
      return { blobs: new PgDossierBlobs(store), dossiers: new PgDossierRepository(store.sql, centre), query: async (sql, params) => (await pool.query(sql, params)).rows };
    },
  },
  8,
);

function dossier(code: string, seq: number): NewDossier {
  return {
    code, day: '261203', seq,
    procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', departmentId: 'so-tu-phap', serviceId: 'ho-tich',
    applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', dateOfBirth: null, address: null, phone: null },
    documents: [], fee: 0, feePaid: 0, ticketId: null, receivedAt: '2026-12-03T02:00:00.000Z', receivedBy: 'quay-1',
    dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', collectCentreId: null,
  };
}

async function twoDossiers(s: BlobStore): Promise<[string, string]> {
  const run = randomUUID().slice(0, 8).toUpperCase();
  const codes: [string, string] = [`B${run}-261203-0001`, `B${run}-261203-0002`];
  await s.dossiers.insert(dossier(codes[0], 1));
  await s.dossiers.insert(dossier(codes[1], 2));
  return codes;
}

const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(n)]);
/** The length and whether the bytes are `expected`'s (Buffer.equals: a deep compare of megabytes is slow). */
const read = async (opened: { bytes: number; stream: NodeJS.ReadableStream } | null, expected: Buffer) => (opened ? { bytes: opened.bytes, same: (await buffer(opened.stream)).equals(expected) } : null);

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each(KINDS)('DossierBlobs contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('keeps a scan and replaces it with a rescan; reads several slices back byte for byte', async () => {
      const s = await kind.fresh();
      const [code] = await twoDossiers(s);
      const first = pdf(2 * BLOB_SLICE_BYTES + 777);
      await s.blobs.putScan(code, sha256Of(first), first);
      expect(await s.blobs.hasScan(code, sha256Of(first))).toBe(true);
      expect(await read(await s.blobs.openScan(code, sha256Of(first)), first)).toEqual({ bytes: first.length, same: true });
      const rescan = pdf(1000);
      await s.blobs.putScan(code, sha256Of(rescan), rescan);
      expect(await read(await s.blobs.openScan(code, sha256Of(rescan)), rescan)).toEqual({ bytes: rescan.length, same: true });
      if (s.query) {
        // Keyed by content: the old scan's row is gone, one scan is left.
        expect(await s.blobs.openScan(code, sha256Of(first))).toBeNull();
        expect(await s.query(`SELECT kind, sha256 FROM dossier_blobs WHERE dossier_code = $1`, [code])).toEqual([{ kind: 'scan', sha256: sha256Of(rescan) }]);
      }
    });

    it('keeps a result once under its SHA-256, also from 8 writers at once; an unknown one is absent', async () => {
      const s = await kind.fresh();
      const [code] = await twoDossiers(s);
      const body = pdf(300_000);
      const shas = await Promise.all(Array.from({ length: 8 }, () => s.blobs.putResult(code, body)));
      expect(new Set(shas)).toEqual(new Set([sha256Of(body)]));
      expect(await s.blobs.putResult(code, body)).toBe(sha256Of(body));
      expect(await read(await s.blobs.openResult(code, sha256Of(body)), body)).toEqual({ bytes: body.length, same: true });
      expect(await s.blobs.hasResult(code, sha256Of(body))).toBe(true);
      expect(await s.blobs.hasResult(code, 'a'.repeat(64))).toBe(false);
      expect(await s.blobs.openResult(code, 'a'.repeat(64))).toBeNull();
      // A result is not a scan.
      expect(await s.blobs.openScan(code, sha256Of(body))).toBeNull();
      if (s.query) expect(await s.query(`SELECT count(*)::int AS n FROM dossier_blobs WHERE dossier_code = $1`, [code])).toEqual([{ n: 1 }]);
    });

    it("removeAll takes a dossier's scan and results and leaves another dossier's", async () => {
      const s = await kind.fresh();
      const [a, b] = await twoDossiers(s);
      const scan = pdf(100);
      const results = [pdf(200), pdf(300)];
      for (const code of [a, b]) {
        await s.blobs.putScan(code, sha256Of(scan), scan);
        for (const r of results) await s.blobs.putResult(code, r);
      }
      await s.blobs.removeAll(a);
      expect([await s.blobs.hasScan(a, sha256Of(scan)), ...(await Promise.all(results.map((r) => s.blobs.hasResult(a, sha256Of(r)))))]).toEqual([false, false, false]);
      expect([await s.blobs.hasScan(b, sha256Of(scan)), ...(await Promise.all(results.map((r) => s.blobs.hasResult(b, sha256Of(r)))))]).toEqual([true, true, true]);
      await s.blobs.removeAll(a); // nothing left: no error
    });

    it.runIf(kind.kind === 'postgres')('PostgreSQL: bytes stored uncompressed out of line; a row deleted mid-download ends the stream with an error, never short', async () => {
      const s = await kind.fresh();
      const [code] = await twoDossiers(s);
      expect(await s.query!(`SELECT attstorage FROM pg_attribute WHERE attrelid = 'dossier_blobs'::regclass AND attname = 'bytes'`)).toEqual([{ attstorage: 'e' }]);
      const body = pdf(3 * BLOB_SLICE_BYTES);
      const sha = await s.blobs.putResult(code, body);
      const opened = (await s.blobs.openResult(code, sha))!;
      const iterator = opened.stream[Symbol.asyncIterator]();
      expect(((await iterator.next()).value as Buffer).equals(body.subarray(0, BLOB_SLICE_BYTES))).toBe(true);
      await s.blobs.removeAll(code);
      // The stream may hold the slice read ahead; the one after it fails instead of ending early.
      const rest = async () => {
        let got = BLOB_SLICE_BYTES;
        for (let r = await iterator.next(); !r.done; r = await iterator.next()) got += (r.value as Buffer).length;
        return got;
      };
      await expect(rest()).rejects.toThrow(/vừa bị xoá/);
    });
  });
});
