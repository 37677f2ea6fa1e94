import { describe, expect, it } from 'vitest';
import { encodeWindows1258 } from '../../hardware/printer/vietnamese-text';
import { EscPosDecoder, decodeEscPos } from '../../hardware/virtual/escpos-decoder';
import { encodeTicket } from '../../hardware/printer/ticket-layout';
import { printerProfile, sampleTicket } from './fixtures';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const bytes = (...parts: (number | number[] | Buffer | string)[]): Buffer =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : typeof p === 'string' ? Buffer.from(p, 'ascii') : Buffer.from(p))),
  );

describe('decoding ESC/POS', () => {
  it('keeps line attributes: bold, size from GS ! and ESC !, alignment', () => {
    const [job] = decodeEscPos(
      bytes(
        [ESC, 0x40, ESC, 0x74, 52],
        [ESC, 0x61, 1, ESC, 0x45, 1], encodeWindows1258('Đầu'), LF,
        [ESC, 0x45, 0, GS, 0x21, 0x21], '12', LF,
        [GS, 0x21, 0x00, ESC, 0x21, 0x38, ESC, 0x61, 2], 'R', LF,
        [ESC, 0x21, 0x00, ESC, 0x61, 48], 'L', LF,
        [GS, 0x56, 0x00],
      ),
    );
    expect(job?.items).toEqual([
      { kind: 'text', text: 'Đầu', bold: true, width: 1, height: 1, align: 'center' },
      { kind: 'text', text: '12', bold: false, width: 3, height: 2, align: 'center' },
      { kind: 'text', text: 'R', bold: true, width: 2, height: 2, align: 'right' },
      { kind: 'text', text: 'L', bold: false, width: 1, height: 1, align: 'left' },
    ]);
    expect(job).toMatchObject({ cut: true, cutMode: 'full', warnings: [] });
  });

  it('treats ESC d n as n line feeds', () => {
    const [job] = decodeEscPos(bytes('a', [ESC, 0x64, 3], 'b', LF, [GS, 0x56, 1]));
    expect(job?.items.map((i) => (i.kind === 'text' ? i.text : i.kind))).toEqual(['a', '', '', 'b']);
    expect(job?.cutMode).toBe('partial');
  });

  it('recognises every form of GS V as a cut and splits jobs there', () => {
    const forms = [[0], [48], [1], [49], [65, 3], [66, 3], [97, 0], [98, 0], [103, 5], [104, 5]];
    const stream = Buffer.concat(forms.map((f, i) => bytes(`job ${i}`, LF, [GS, 0x56, ...f])));
    const jobs = decodeEscPos(stream);
    expect(jobs).toHaveLength(forms.length);
    expect(jobs.map((j) => j.cutMode)).toEqual(['full', 'full', 'partial', 'partial', 'full', 'partial', 'full', 'partial', 'full', 'partial']);
    expect(jobs.every((j, i) => j.cut && j.items[0]?.kind === 'text' && j.items[0].text === `job ${i}`)).toBe(true);
  });

  it('reads a QR code: model, module size, error level, stored data, print', () => {
    const data = Buffer.from('HS-000.00.12.H57-260504-0001', 'utf8');
    const len = data.length + 3;
    const [job] = decodeEscPos(
      bytes(
        [GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0],
        [GS, 0x28, 0x6b, 3, 0, 49, 67, 7],
        [GS, 0x28, 0x6b, 3, 0, 49, 69, 51],
        [GS, 0x28, 0x6b, len & 0xff, len >> 8, 49, 80, 48], data,
        [GS, 0x28, 0x6b, 3, 0, 49, 81, 48],
        [GS, 0x56, 0],
      ),
    );
    expect(job?.items).toEqual([{ kind: 'qr', content: data.toString(), moduleSize: 7, errorLevel: 'H', align: 'left' }]);
  });

  it('decodes text through the code page in force, page by page', () => {
    const [job] = decodeEscPos(bytes([ESC, 0x74, 16], [0xe9], [ESC, 0x74, 52], encodeWindows1258('ế'), [ESC, 0x74, 0], [0x82], LF));
    expect(job?.items[0]).toMatchObject({ text: 'éếé' });
    expect(job?.cut).toBe(false);
  });

  it('ends an uncut stream in an incomplete job, and an init-only tail in none', () => {
    const jobs = decodeEscPos(bytes('một', LF, [GS, 0x56, 0, ESC, 0x40], 'hai'));
    expect(jobs.map((j) => j.cut)).toEqual([true, false]);
    expect(jobs[1]?.items).toEqual([expect.objectContaining({ text: 'hai' })]);
    expect(decodeEscPos(bytes('x', LF, [GS, 0x56, 0, ESC, 0x40]))).toHaveLength(1);
  });

  it('steps over commands it does not draw without printing their parameters', () => {
    const image = [ESC, 0x2a, 0, 3, 0, 0x41, 0x42, 0x43];
    const barcode = [GS, 0x6b, 73, 4, 0x7b, 0x42, 0x31, 0x32];
    const [job] = decodeEscPos(bytes([ESC, 0x33, 0x41], image, [ESC, 0x44, 8, 16, 0], barcode, [GS, 0x28, 0x6b, 3, 0, 48, 65, 0x41], 'ok', LF));
    expect(job?.items).toEqual([expect.objectContaining({ text: 'ok' })]);
  });

  it('decodes a raster image (GS v 0)', () => {
    const [job] = decodeEscPos(bytes([GS, 0x76, 0x30, 0, 2, 0, 2, 0], [0xff, 0x00, 0x0f, 0xf0], [GS, 0x56, 0]));
    expect(job?.items).toEqual([{ kind: 'image', width: 16, height: 2, bitsBase64: Buffer.from([0xff, 0, 0x0f, 0xf0]).toString('base64'), align: 'left' }]);
  });

  it('gives the same result however the stream is chunked', () => {
    const stream = encodeTicket(sampleTicket(), printerProfile());
    const whole = decodeEscPos(stream);
    for (const size of [1, 2, 3, 7, 64]) {
      const decoder = new EscPosDecoder();
      const jobs = [];
      for (let i = 0; i < stream.length; i += size) jobs.push(...decoder.push(stream.subarray(i, i + size)));
      const rest = decoder.end();
      if (rest !== undefined) jobs.push(rest);
      expect(jobs, `chunks of ${size}`).toEqual(whole);
    }
  });
});

describe('decoding bad input', () => {
  it('warns about unknown commands and carries on', () => {
    const [job] = decodeEscPos(bytes([ESC, 0xfe], 'a', [GS, 0xfd], 'b', [0x1c, 0xfa], LF, [0x07], [GS, 0x56, 0]));
    expect(job?.items).toEqual([expect.objectContaining({ text: 'ab' })]);
    expect(job?.warnings).toHaveLength(4);
    expect(job?.warnings[0]).toMatch(/ESC 0xfe skipped/);
  });

  it('drops a truncated command at the end with a warning', () => {
    for (const tail of [[ESC], [GS, 0x28, 0x6b, 50, 0, 49, 80, 48, 0x41], [GS, 0x76, 0x30, 0, 100], [ESC, 0x44, 1, 2], [GS, 0x56]]) {
      const jobs = decodeEscPos(bytes('text', LF, tail));
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.cut).toBe(false);
      expect(jobs[0]?.warnings.join()).toMatch(/cut short/);
    }
  });

  it('does not let an absurd declared length swallow the stream', () => {
    const [job] = decodeEscPos(bytes([0x1d, 0x38, 0x4c, 0xff, 0xff, 0xff, 0xff], 'after', LF, [GS, 0x56, 0]));
    expect(job?.cut).toBe(true);
    expect(job?.warnings.join()).toMatch(/implausible/);
  });

  it('survives seeded random bytes and random ESC/GS soup, terminating every time', () => {
    let seed = 0x2024_0504;
    const random = (): number => {
      // xorshift32: deterministic, so a failure reproduces.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    const commandish = [ESC, GS, 0x1c, 0x10, LF, 0x28, 0x6b, 0x56, 0x76, 0x30, 0x00, 0xff];
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(random() * 600);
      const stream = Buffer.alloc(length);
      for (let i = 0; i < length; i++) {
        stream[i] = round % 2 === 0 ? Math.floor(random() * 256) : (commandish[Math.floor(random() * commandish.length)] ?? 0);
      }
      const decoder = new EscPosDecoder();
      expect(() => {
        for (let i = 0; i < stream.length; i += 13) decoder.push(stream.subarray(i, i + 13));
        decoder.end();
        decodeEscPos(stream);
      }).not.toThrow();
    }
  });
});
