import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../core/dossiers/dossier';
import { DossierOutbox } from '../../main/agent/dossier-outbox';
import { tempDir } from '../support/centre';

const input = { procedureCode: 'KD-TL', applicant: { fullName: 'Nguyễn Văn An', idNumber: '001203004567' }, documents: [], feePaid: 0 };
const build = (code: string) => ({ commandId: `cmd-${code}`, input, receivedAt: '2026-05-05T01:00:00.000Z', dossier: { code } as unknown as Dossier, pdf: null, pdfPages: null });

describe('dossier outbox (local SQLite)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let outbox: DossierOutbox;
  beforeEach(() => {
    tmp = tempDir();
    outbox = new DossierOutbox(tmp.dir);
  });
  afterEach(() => {
    outbox.close();
    tmp.remove();
  });

  it("uses today's codes first, an earlier day's only when none of today is left, each once, and keeps rows across a restart", () => {
    outbox.addLeasedCodes('260504', ['HK-260504-0031', 'HK-260504-0032'], '2026-05-04T02:00:00.000Z');
    outbox.addLeasedCodes('260505', ['HK-260505-0001'], '2026-05-05T00:30:00.000Z');
    expect(outbox.codesLeft('260505')).toBe(1);
    expect(outbox.receive('260505', build)?.code).toBe('HK-260505-0001');
    expect(outbox.receive('260505', build)?.code).toBe('HK-260504-0031');
    expect(outbox.receive('260505', build)?.code).toBe('HK-260504-0032');
    expect(outbox.receive('260505', build)).toBeNull();
    outbox.close();
    outbox = new DossierOutbox(tmp.dir);
    expect(outbox.undelivered().map((r) => [r.code, r.state])).toEqual([
      ['HK-260505-0001', 'pending'],
      ['HK-260504-0031', 'pending'],
      ['HK-260504-0032', 'pending'],
    ]);
    outbox.markFailed(outbox.undelivered()[1]!.seq, 'Không có vé số #9.');
    outbox.markReceived(outbox.undelivered()[0]!.seq, { code: 'HK-260505-0001' } as unknown as Dossier);
    expect(outbox.notDeliveredCount()).toBe(2);
    expect(outbox.failed().map((r) => [r.code, r.error])).toEqual([['HK-260504-0031', 'Không có vé số #9.']]);
  });

  it('gives a pending row a new command id after an answered refusal, and never a delivered one', () => {
    outbox.addLeasedCodes('260505', ['HK-260505-0001', 'HK-260505-0002'], '2026-05-05T00:30:00.000Z');
    const first = outbox.receive('260505', build)!;
    const second = outbox.receive('260505', build)!;
    outbox.renewCommandId(first.seq, 'renewed-command-id-1');
    outbox.markReceived(second.seq, { code: second.code } as unknown as Dossier);
    outbox.renewCommandId(second.seq, 'renewed-command-id-2');
    expect(outbox.bySeq(first.seq)?.commandId).toBe('renewed-command-id-1');
    expect(outbox.bySeq(second.seq)?.commandId).toBe(`cmd-${second.code}`);
  });

  it("stamps a delivery with the outbox's clock: at the dossier when it has no PDF, else when the PDF is in", () => {
    outbox.close();
    let now = new Date('2026-05-05T03:00:00.000Z');
    outbox = new DossierOutbox(tmp.dir, () => now);
    outbox.addLeasedCodes('260505', ['HK-260505-0001', 'HK-260505-0002'], '2026-05-05T00:30:00.000Z');
    const plain = outbox.receive('260505', build)!;
    const scanned = outbox.receive('260505', (code) => ({ ...build(code), pdf: new Uint8Array([37, 80, 68, 70]), pdfPages: 1 }))!;
    outbox.markReceived(plain.seq, { code: plain.code } as unknown as Dossier);
    outbox.markReceived(scanned.seq, { code: scanned.code } as unknown as Dossier);
    expect(outbox.bySeq(plain.seq)).toMatchObject({ state: 'delivered', deliveredAt: '2026-05-05T03:00:00.000Z' });
    expect(outbox.bySeq(scanned.seq)).toMatchObject({ state: 'pdf-pending', deliveredAt: null });
    now = new Date('2026-05-05T03:07:00.000Z');
    outbox.markPdfDelivered(scanned.seq, { pages: 1, bytes: 4 });
    expect(outbox.bySeq(scanned.seq)).toMatchObject({ state: 'delivered', deliveredAt: '2026-05-05T03:07:00.000Z', dossier: { pdf: { pages: 1, bytes: 4 } } });
  });
});
