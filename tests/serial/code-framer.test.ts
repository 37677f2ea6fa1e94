import { describe, expect, it } from 'vitest';
import { CodeFramer, type Framed } from '../../hardware/serial/code-framer';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const codes = (frames: Framed[]) => frames.map((f) => (f.kind === 'code' ? f.code : `<overflow ${f.bytes}>`));

describe('cutting a scanner byte stream into codes', () => {
  it('ends a code at CR, LF or CR LF and ignores blank lines', () => {
    const f = new CodeFramer({ terminator: 'cr-or-lf', maxLength: 100 });
    expect(codes(f.push(bytes('one\rtwo\nthree\r\n\r\nfour')))).toEqual(['one', 'two', 'three']);
    expect(f.midFrame).toBe(true);
    expect(codes(f.push(bytes('\r')))).toEqual(['four']);
    expect(codes(f.push(bytes('\n')))).toEqual([]); // the LF of a CR LF split across reads
  });

  it('keeps a Vietnamese letter split across two reads whole', () => {
    const f = new CodeFramer({ terminator: 'cr-or-lf', maxLength: 100 });
    const all = bytes('Trần Thị Bình\r\n');
    const cut = all.indexOf(bytes('ầ')) + 1; // inside the 3-byte UTF-8 sequence
    expect(codes(f.push(all.subarray(0, cut)))).toEqual([]);
    expect(codes(f.push(all.subarray(cut)))).toEqual(['Trần Thị Bình']);
  });

  it('uses a configured suffix, even a multi-byte one, and leaves CR/LF inside codes', () => {
    const f = new CodeFramer({ terminator: { suffix: '<END>' }, maxLength: 100 });
    expect(codes(f.push(bytes('a\r\nb<EN')))).toEqual([]);
    expect(codes(f.push(bytes('D>c<END>')))).toEqual(['a\r\nb', 'c']);
  });

  it('with no terminator only flush (the inter-byte timeout) ends a code', () => {
    const f = new CodeFramer({ terminator: 'none', maxLength: 100 });
    expect(codes(f.push(bytes('abc\r\n')))).toEqual([]);
    expect(codes(f.flush())).toEqual(['abc\r\n']);
    expect(codes(f.flush())).toEqual([]);
  });

  it('drops a frame longer than maxLength, reports it once, and reads the next one', () => {
    const f = new CodeFramer({ terminator: 'cr-or-lf', maxLength: 10 });
    expect(codes(f.push(bytes('x'.repeat(25))))).toEqual([]);
    expect(codes(f.push(bytes('x'.repeat(5) + '\r\nok\r\n')))).toEqual(['<overflow 30>', 'ok']);
    expect(codes(f.push(bytes('y'.repeat(11) + '\n')))).toEqual(['<overflow 11>']);
    expect(codes(f.push(bytes('z'.repeat(10) + '\n')))).toEqual(['z'.repeat(10)]);
  });

  it('an endless frame without terminator is reported when the line goes quiet', () => {
    const f = new CodeFramer({ terminator: 'none', maxLength: 10 });
    f.push(bytes('n'.repeat(15)));
    expect(f.midFrame).toBe(true);
    expect(codes(f.flush())).toEqual(['<overflow 15>']);
    f.push(bytes('short'));
    expect(codes(f.flush())).toEqual(['short']);
  });

  it('reset forgets a half-received code', () => {
    const f = new CodeFramer({ terminator: 'cr-or-lf', maxLength: 100 });
    f.push(bytes('half'));
    f.reset();
    expect(codes(f.push(bytes('whole\n')))).toEqual(['whole']);
  });

  it('refuses options that cannot work', () => {
    expect(() => new CodeFramer({ terminator: { suffix: '' }, maxLength: 10 })).toThrow(/empty suffix/);
    expect(() => new CodeFramer({ terminator: 'cr-or-lf', maxLength: 0 })).toThrow(/maxLength/);
  });
});
