import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewDossier } from '../../../hub/dossiers/dossier-rows';
import { hashPublicToken } from '../../../hub/public/public-token-hash';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS } from './stores';

/**
 * DossierTokenRepository's contract on both stores (SQLite migration 0021, PostgreSQL 0011): a
 * receipt's token hash registered for its dossier and found again by the hash only; a taken hash
 * or a second token for one dossier registers nothing; on PostgreSQL a centre neither registers a
 * token for another centre's dossier nor finds another centre's token.
 */

warnIfPostgresMissing('dossier-tokens contract');

const DAY = '261203';

function dossier(code: string, seq: number): NewDossier {
  return {
    code, day: DAY, seq,
    procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', departmentId: 'tu-phap', serviceId: 'ho-tich',
    applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', dateOfBirth: null, address: null, phone: null },
    documents: [], fee: 0, feePaid: 0, ticketId: null, receivedAt: '2026-12-03T01:30:00.000Z', receivedBy: 'quay-1',
    dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', collectCentreId: null,
  };
}

describe.each(STORE_KINDS)('DossierTokenRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());
    const codes = () => {
      const run = randomUUID().slice(0, 8).toUpperCase();
      return (seq: number) => `T${run}-${DAY}-${String(seq).padStart(4, '0')}`;
    };
    const AT = '2026-12-03T01:30:00.000Z';

    it('registers a hash for a dossier and finds the dossier by that hash only', async () => {
      const s = await kind.fresh();
      const code = codes();
      await s.transaction(async () => {
        await s.dossiers.insert(dossier(code(1), 1));
        await s.dossiers.insert(dossier(code(2), 2));
      });
      const a = hashPublicToken('A'.repeat(24));
      const b = hashPublicToken('B'.repeat(24));
      expect(await s.transaction(() => s.dossierTokens.register(a, code(1), AT))).toBe(true);
      expect(await s.dossierTokens.codeOf(a)).toBe(code(1));
      expect(await s.dossierTokens.codeOf(b)).toBeNull();
      // A taken hash stays its dossier's; a dossier keeps its first token.
      expect(await s.transaction(() => s.dossierTokens.register(a, code(2), AT))).toBe(false);
      expect(await s.dossierTokens.codeOf(a)).toBe(code(1));
      expect(await s.transaction(() => s.dossierTokens.register(b, code(1), AT))).toBe(false);
      expect(await s.dossierTokens.codeOf(b)).toBeNull();
      expect(await s.transaction(() => s.dossierTokens.register(b, code(2), AT))).toBe(true);
      expect(await s.dossierTokens.codeOf(b)).toBe(code(2));
    });

    it('registers nothing for a dossier the store does not hold (another centre’s, or none)', async () => {
      const mine = await kind.fresh();
      const theirs = await kind.fresh();
      const code = codes();
      await theirs.transaction(() => theirs.dossiers.insert(dossier(code(1), 1)));
      const h = hashPublicToken('C'.repeat(24));
      expect(await mine.transaction(() => mine.dossierTokens.register(h, code(1), AT))).toBe(false);
      expect(await mine.dossierTokens.codeOf(h)).toBeNull();
      // The owner registers it; the other store still finds nothing by that hash.
      expect(await theirs.transaction(() => theirs.dossierTokens.register(h, code(1), AT))).toBe(true);
      expect(await theirs.dossierTokens.codeOf(h)).toBe(code(1));
      expect(await mine.dossierTokens.codeOf(h)).toBeNull();
    });
  });
});
