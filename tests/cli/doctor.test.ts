import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { Hub } from '../../hub/hub';
import { demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { hasSocat, startSocatPair, type SocatPair } from '../serial/socat-pair';

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const SOCAT = hasSocat();
const SCANIMAGE = spawnSync('scanimage', ['--version'], { stdio: 'ignore' }).status === 0;
if (!SOCAT) console.warn('tests/cli/doctor.test.ts: socat is not installed (apt install socat): skipping `motcua doctor` against serial ports');
if (!SCANIMAGE) console.warn('tests/cli/doctor.test.ts: scanimage is not installed (apt install sane-utils): the doctor runs without a configured scanner');

/** Runs `motcua doctor` as its own process (the hub lives in this one, so not spawnSync). */
function doctor(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'doctor', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`doctor did not finish in 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe.skipIf(!SOCAT)('motcua doctor against a real hub', () => {
  const config = demoConfig();
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let printer: VirtualPrinter;
  let printerPort: number;
  let pair: SocatPair;

  beforeEach(async () => {
    tmp = tempDir('motcua-doctor-');
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    printerPort = (await printer.start()).port;
    pair = await startSocatPair(tmp.dir);
  });
  afterEach(async () => {
    await pair.stop();
    await printer.close();
    await hub.close();
    tmp.remove();
  });

  const terminalConfig = (extra: Record<string, unknown>) => {
    const file = path.join(tmp.dir, 'terminal.json');
    const devices = { ledSign: { path: pair.a }, ratingKeypad: { path: pair.b }, ...(SCANIMAGE ? { saneScanner: 'test' } : {}) };
    writeFileSync(file, JSON.stringify({ hubUrl: hub.url, deviceId: 'kiosk-1', token: tokenOf(config, 'kiosk-1'), printerInterface: `tcp://127.0.0.1:${printerPort}`, devices, ...extra }));
    return file;
  };

  it('passes every check of a healthy terminal and exits 0', async () => {
    const r = await doctor('--config', terminalConfig({}));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ Cấu hình máy trạm hợp lệ');
    expect(r.stdout).toContain(`✓ Máy chủ trả lời ${hub.url}/api/health`);
    expect(r.stdout).toContain('✓ Máy chủ chấp nhận thiết bị "kiosk-1"');
    expect(r.stdout).toMatch(/✓ Máy in may-in-kiosk-1 \(tcp:\/\/127\.0\.0\.1:\d+\) sẵn sàng/);
    expect(r.stdout).toContain(`✓ Bảng số LED: cổng ${pair.a} mở được`);
    expect(r.stdout).toContain(`✓ Bàn phím đánh giá: cổng ${pair.b} mở được`);
    if (SCANIMAGE) expect(r.stdout).toContain('✓ Máy quét "test" có mặt (test:0)');
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout).toContain('đều đạt');
    expect(r.status).toBe(0);
  }, 90_000);

  it('shows a wrong token and a missing serial port as ✗ lines with hints, and exits 1', async () => {
    const missing = path.join(tmp.dir, 'ttyUSB9');
    const r = await doctor('--config', terminalConfig({ token: 'x'.repeat(24), devices: { ledSign: { path: missing }, ratingKeypad: { path: pair.a } } }));
    expect(r.stdout).toContain(`✓ Máy chủ trả lời ${hub.url}/api/health`);
    expect(r.stdout).toContain('✗ Máy chủ từ chối thiết bị "kiosk-1": sai mã thiết bị hoặc token');
    expect(r.stdout).toContain('→ check deviceId and token');
    expect(r.stdout).toContain(`✗ Bảng số LED: không mở được cổng ${missing} (không tồn tại)`);
    expect(r.stdout).toContain(`✓ Bàn phím đánh giá: cổng ${pair.a} mở được`);
    expect(r.stdout).not.toContain('Máy quét'); // not configured: no line
    expect(r.stdout).not.toContain('Máy in'); // the hub refused the device, so no printer is known
    expect(r.stdout).toContain('2/5 mục không đạt');
    expect(r.status).toBe(1);
  }, 90_000);
});

describe('motcua doctor without a hub', () => {
  it('refuses a broken terminal config with the field named', async () => {
    const tmp = tempDir('motcua-doctor-');
    try {
      const file = path.join(tmp.dir, 'terminal.json');
      writeFileSync(file, JSON.stringify({ hubUrl: 'http://127.0.0.1:1', deviceId: 'kiosk-1', token: 'short', devices: { ledSign: {} } }));
      const r = await doctor('--config', file);
      expect(r.stdout).toMatch(/✗ Cấu hình máy trạm không hợp lệ: .*token/s);
      expect(r.stdout).toMatch(/devices\.ledSign\.path/);
      expect(r.status).toBe(1);
    } finally {
      tmp.remove();
    }
  });
});
