import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeTicket, formatIssuedAt } from '../../hardware/printer/ticket-layout';
import { printedColumns } from '../../hardware/printer/vietnamese-text';
import { decodeEscPos } from '../../hardware/virtual/escpos-decoder';
import type { DecodedJob, DecodedTextLine } from '../../hardware/virtual/escpos-decoder';
import { renderJobToPng } from '../../hardware/virtual/job-renderer';
import { SAMPLE_QR, printerProfile, sampleTicket } from './fixtures';

const TICKETS_DIR = path.resolve(import.meta.dirname, '../../test-results/tickets');

function decodeOne(bytes: Buffer): DecodedJob {
  const jobs = decodeEscPos(bytes);
  expect(jobs).toHaveLength(1);
  const [job] = jobs;
  if (job === undefined) throw new Error('no job');
  return job;
}

function textLines(job: DecodedJob): DecodedTextLine[] {
  return job.items.filter((item): item is DecodedTextLine => item.kind === 'text');
}

describe.each([80, 58] as const)('a queue ticket on %i mm paper', (paperWidth) => {
  const columns = paperWidth === 80 ? 48 : 32;
  const profile = printerProfile({ paperWidth });
  const data = sampleTicket();
  const job = decodeOne(encodeTicket(data, profile));
  const lines = textLines(job);
  const texts = lines.map((l) => l.text);
  const joined = texts.join(' ');

  it('decodes to one cut job with no warnings', () => {
    expect(job.cut).toBe(true);
    expect(job.warnings).toEqual([]);
  });

  it('carries the centre name in bold and the service name, exactly', () => {
    expect(joined).toContain(data.centreName);
    expect(joined).toContain(data.serviceName);
    const centreLine = lines.find((l) => l.text.startsWith('Trung tâm'));
    expect(centreLine).toMatchObject({ bold: true, align: 'center' });
  });

  it('prints SỐ THỨ TỰ and the number at double size or larger', () => {
    const heading = lines.find((l) => l.text === 'SỐ THỨ TỰ');
    expect(heading?.width).toBeGreaterThanOrEqual(2);
    const number = lines.find((l) => l.text === '1023');
    expect(number).toBeDefined();
    expect(number?.width).toBeGreaterThanOrEqual(2);
    expect(number?.height).toBeGreaterThanOrEqual(2);
    expect(number?.bold).toBe(true);
  });

  it('tells how many are waiting, when the number was taken (centre time) and where to go', () => {
    expect(texts).toContain('Số người chờ trước bạn: 12');
    expect(joined).toContain('08:05 04/05/2026');
    expect(joined).toContain('Thời gian lấy số:');
    expect(joined).toContain('Quầy phục vụ: 3, 4 (tầng 1)');
    expect(texts).toContain('Xin vui lòng chờ đến lượt');
  });

  it('has a QR code with the intended content', () => {
    const qr = job.items.filter((i) => i.kind === 'qr');
    expect(qr).toEqual([expect.objectContaining({ kind: 'qr', content: SAMPLE_QR, align: 'center' })]);
  });

  it(`never exceeds ${columns} columns, even with very long names`, () => {
    const long = decodeOne(
      encodeTicket(
        sampleTicket({
          centreName: 'Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính Ủy ban nhân dân thành phố Thủ Đức',
          serviceName: 'Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu',
          counterHint: 'Quầy số 12, 13, 14 — khu B, tầng 2, bên phải cầu thang',
          number: 123456,
        }),
        profile,
      ),
    );
    for (const line of [...textLines(job), ...textLines(long)]) {
      expect(printedColumns(line.text) * line.width, line.text).toBeLessThanOrEqual(columns);
    }
    expect(textLines(long).some((l) => l.text === '123456')).toBe(true);
  });

  it('leaves out the optional lines when there is nothing to say', () => {
    const bare = decodeOne(encodeTicket(sampleTicket({ counterHint: undefined, qrContent: undefined }), profile));
    expect(bare.items.some((i) => i.kind === 'qr')).toBe(false);
    expect(textLines(bare).some((l) => l.text.includes('Quầy phục vụ'))).toBe(false);
  });

  it('selects the profile’s code page, whatever its number', () => {
    const bytes = encodeTicket(data, printerProfile({ paperWidth, codePage: 94 }));
    expect(bytes.includes(Buffer.from([0x1b, 0x74, 94]))).toBe(true);
    const decoded = decodeEscPos(bytes, { codePages: { 94: 'windows1258' } })[0];
    expect(decoded?.items.some((i) => i.kind === 'text' && i.text === 'SỐ THỨ TỰ')).toBe(true);
  });

  it('renders to a PNG for a human to look at', async () => {
    const png = await renderJobToPng(job, { paperWidth });
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    await mkdir(TICKETS_DIR, { recursive: true });
    await writeFile(path.join(TICKETS_DIR, `ticket-${paperWidth}mm.png`), png);
  });
});

describe('ticket data that cannot be printed', () => {
  it('is refused with a RangeError before any byte is produced', () => {
    expect(() => encodeTicket(sampleTicket({ number: -1 }), printerProfile())).toThrow(RangeError);
    expect(() => encodeTicket(sampleTicket({ waitingAhead: 1.5 }), printerProfile())).toThrow(RangeError);
    expect(() => encodeTicket(sampleTicket({ timeZone: 'Mars/Olympus' }), printerProfile())).toThrow(RangeError);
    expect(() => encodeTicket(sampleTicket({ qrContent: 'x'.repeat(5000) }), printerProfile())).toThrow(RangeError);
  });

  it('cannot smuggle printer commands in through the text', () => {
    const job = decodeOne(encodeTicket(sampleTicket({ serviceName: 'Hộ tịch\x1b@\x1dV\x00' }), printerProfile()));
    expect(job.warnings).toEqual([]);
    expect(textLines(job).map((l) => l.text)).toContain('Hộ tịch @ V');
  });
});

describe('formatIssuedAt', () => {
  it('uses the centre’s time zone, 24-hour clock, day first', () => {
    const at = new Date('2026-12-31T17:30:00Z');
    expect(formatIssuedAt(at, 'Asia/Ho_Chi_Minh')).toBe('00:30 01/01/2027');
    expect(formatIssuedAt(at, 'UTC')).toBe('17:30 31/12/2026');
  });
});
