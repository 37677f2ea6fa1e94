import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCccdQr } from '../../core/cccd/cccd-qr';
import { SerialQrScanner, type SerialQrScannerEvents, type SerialQrScannerOptions } from '../../hardware/serial/qr-scanner';
import { AN, BINH } from '../cccd/cccd-fixtures';
import { tempDir } from '../support/centre';
import { hasSocat, startSocatPair, type SocatPair } from './socat-pair';

const SOCAT = hasSocat();
if (!SOCAT) console.warn('tests/serial/qr-scanner.test.ts: socat is not installed (apt install socat): skipping the serial scanner tests over a pty pair');

const WAIT_MS = 5000;
const NOW = new Date('2026-03-02T03:00:00Z');

/** Resolves with the next `count` emissions of `event`; fails after WAIT_MS instead of hanging. */
function next<K extends keyof SerialQrScannerEvents>(scanner: SerialQrScanner, event: K, count = 1): Promise<SerialQrScannerEvents[K][0][]> {
  const waiting = new Promise<SerialQrScannerEvents[K][0][]>((resolve, reject) => {
    const got: SerialQrScannerEvents[K][0][] = [];
    const timer = setTimeout(() => {
      scanner.off(event, listener);
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${count} "${event}" (got ${got.length})`));
    }, WAIT_MS);
    const listener = (...args: SerialQrScannerEvents[K]) => {
      got.push(args[0]);
      if (got.length < count) return;
      clearTimeout(timer);
      scanner.off(event, listener);
      resolve(got);
    };
    scanner.on(event, listener);
  });
  // A wait set up for later must not become an unhandled rejection when an earlier step already failed the test.
  waiting.catch(() => undefined);
  return waiting;
}

describe.skipIf(!SOCAT)('serial QR scanner over a socat pty pair', () => {
  let dir: ReturnType<typeof tempDir>;
  let pair: SocatPair | undefined;
  const scanners: SerialQrScanner[] = [];

  beforeEach(async () => {
    dir = tempDir('motcua-serial-');
    pair = await startSocatPair(dir.dir);
  });
  afterEach(async () => {
    for (const s of scanners.splice(0)) await s.close();
    await pair?.stop();
    dir.remove();
  });

  async function started(options: Partial<SerialQrScannerOptions> = {}): Promise<SerialQrScanner> {
    const scanner = new SerialQrScanner({ path: pair!.a, reconnect: { initialDelayMs: 20, maxDelayMs: 160 }, presenceCheckMs: 50, ...options });
    scanners.push(scanner);
    const opened = next(scanner, 'open');
    await scanner.start();
    await opened;
    return scanner;
  }

  it('reads a CCCD QR and the parser turns it into an applicant', async () => {
    const scanner = await started();
    const code = next(scanner, 'code');
    await pair!.write(`]Q1${AN}\r\n`);
    const [content] = await code;
    expect(parseCccdQr(content!, NOW)).toMatchObject({ ok: true, value: { id: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-03-15' } });
  });

  it('reads several codes sent in one write, in order', async () => {
    const scanner = await started();
    const codes = next(scanner, 'code', 3);
    await pair!.write(`${AN}\r\n${BINH}\r\nBN-2026-000123\n`);
    expect(await codes).toEqual([AN, BINH, 'BN-2026-000123']);
  });

  it('joins a code that arrives in two parts, split inside a Vietnamese letter', async () => {
    const scanner = await started();
    const all = Buffer.from(`${BINH}\r\n`, 'utf8');
    const cut = all.indexOf(Buffer.from('ầ', 'utf8')) + 1;
    const code = next(scanner, 'code');
    const firstPart = next(scanner, 'received');
    await pair!.write(all.subarray(0, cut));
    await firstPart; // the reader has the first part and has not emitted anything
    await pair!.write(all.subarray(cut));
    expect(await code).toEqual([BINH]);
  });

  it('gives each malformed QR content its own clear message', async () => {
    const scanner = await started();
    const bad = [
      '00109001234|123456789|Nguyễn Văn An|15031990|Nam|Hà Nội|10082021',
      '001090012345|123456789|Nguyễn Văn An|31021990|Nam|Hà Nội|10082021',
      '001090012345|123456789|Nguyễn Văn An|15031990|Nữ|Hà Nội|10082021',
      '001090012345|123456789|Nguyễn Văn An|15031990',
      '001090012345|123456789|Nguyễn Văn An|15031990|Nam|Hà Nội|10082030',
    ];
    const codes = next(scanner, 'code', bad.length);
    await pair!.write(bad.map((b) => `${b}\r\n`).join(''));
    const messages = (await codes).map((c) => {
      const r = parseCccdQr(c, NOW);
      return r.ok ? 'accepted' : r.error.message;
    });
    expect(messages).toEqual([
      'Số CCCD phải có 12 chữ số, đọc được "00109001234"',
      'Ngày sinh 31/02/1990 không phải là ngày có thật',
      'Số CCCD 001090012345: chữ số thứ 4 là 0 (Nam, sinh 1900–1999) nhưng thẻ ghi Nữ, sinh năm 1990 (phải là 1)',
      'Mã QR trên thẻ CCCD có 7 trường ngăn cách bởi dấu "|", mã này có 4 (thiếu trường, có thể mã bị đọc thiếu)',
      'Ngày cấp 10/08/2030 ở tương lai (hôm nay 02/03/2026)',
    ]);
  });

  it('ends a code on silence for scanners that send no terminator', async () => {
    const scanner = await started({ terminator: 'none', interByteTimeoutMs: 50 });
    const code = next(scanner, 'code');
    await pair!.write(AN);
    expect(await code).toEqual([AN]);
  });

  it('drops an over-long frame and keeps reading', async () => {
    const scanner = await started({ maxLength: 64 });
    const overflow = next(scanner, 'overflow');
    const code = next(scanner, 'code');
    await pair!.write(`${'x'.repeat(200)}\r\nok\r\n`);
    expect(await overflow).toEqual([{ bytes: 200 }]);
    expect(await code).toEqual(['ok']);
  });

  it('recovers when the scanner is unplugged and plugged back in, backing off meanwhile', async () => {
    const scanner = await started();
    const disconnected = next(scanner, 'disconnect');
    const retries = next(scanner, 'reconnecting', 4);
    // Unplug right after opening: the case where serialport alone never notices (see SerialQrScanner).
    await pair!.stop();
    expect((await disconnected)[0]!.reason).toMatch(/./);
    const delays = (await retries).map((r) => r.delayMs);
    expect(delays).toEqual([20, 40, 80, 160]); // doubling, not spinning
    const reopened = next(scanner, 'open');
    pair = await startSocatPair(dir.dir); // plug back in under the same names
    await reopened;
    expect(scanner.isOpen).toBe(true);
    const code = next(scanner, 'code');
    await pair.write(`${BINH}\r\n`);
    expect(parseCccdQr((await code)[0]!, NOW)).toMatchObject({ ok: true, value: { fullName: 'Trần Thị Bình' } });
  });

  it('starts without its scanner plugged in and opens it when it appears', async () => {
    await pair!.stop();
    const scanner = new SerialQrScanner({ path: pair!.a, reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
    scanners.push(scanner);
    const retry = next(scanner, 'reconnecting');
    await scanner.start();
    expect((await retry)[0]).toMatchObject({ attempt: 1, reason: expect.stringMatching(/No such file/) });
    expect(scanner.isOpen).toBe(false);
    const opened = next(scanner, 'open');
    pair = await startSocatPair(dir.dir);
    await opened;
    await expect(scanner.start()).rejects.toThrow('already started');
  });

  it('refuses a second start and cannot be restarted after close', async () => {
    const scanner = await started();
    await expect(scanner.start()).rejects.toThrow('SerialQrScanner already started');
    await scanner.close();
    expect(scanner.isOpen).toBe(false);
    await expect(scanner.start()).rejects.toThrow('closed; create a new one');
    // The port is free again for another reader.
    await started();
  });
});

describe('serial QR scanner options', () => {
  it('refuses a scanner without terminator and without a silence timeout', () => {
    expect(() => new SerialQrScanner({ path: '/dev/null', terminator: 'none' })).toThrow(/interByteTimeoutMs/);
    expect(() => new SerialQrScanner({ path: '/dev/null', reconnect: { initialDelayMs: 0 } })).toThrow(/reconnect delays/);
    expect(() => new SerialQrScanner({ path: '/dev/null', presenceCheckMs: 0 })).toThrow(/presenceCheckMs/);
    expect(() => new SerialQrScanner({ path: '/dev/null', baudRate: 96.5 })).toThrow(/baudRate/);
  });
});
