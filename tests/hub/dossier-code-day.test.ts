import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../core/dossiers/dossier';
import { commandId } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-23T00:30');

/**
 * The code's YYMMDD is the Vietnamese day of receipt, not the UTC one: between 00:00 and 07:00 in
 * Vietnam the UTC date is still the day before (a back-office screenshot showed a code of another
 * day than its scene — that was a renderer test's literal codes, this is the hub's rule).
 */
describe('a dossier code names the Vietnamese day of receipt (real hub, injected clock)', () => {
  const f = useHubFixture({ clock: () => now });

  it('received at 00:30 and at 23:50 Vietnam time: the code and receivedAt name the same Vietnamese day', async () => {
    const counter = (await f.open('counter-3')).socket;
    const receive = async (): Promise<Dossier> => {
      const r = await counter.emitWithAck('dossier:receive', {
        commandId: commandId(),
        procedureCode: 'KD-TL',
        applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' },
        documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
        feePaid: 100000,
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.dossier;
    };
    now = vn('2026-11-23T00:30'); // 2026-11-22 17:30 UTC
    const early = await receive();
    expect(early.receivedAt).toBe('2026-11-22T17:30:00.000Z');
    expect(early.code).toBe('HK-261123-0001');
    now = vn('2026-11-23T23:50'); // 2026-11-23 16:50 UTC: the same Vietnamese day, numbering goes on
    expect((await receive()).code).toBe('HK-261123-0002');
    now = vn('2026-11-24T06:59'); // 2026-11-23 23:59 UTC: a new Vietnamese day, numbering starts again
    expect((await receive()).code).toBe('HK-261124-0001');
  });
});
