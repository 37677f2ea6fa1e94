import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { SerialPort } from 'serialport';
import { io } from 'socket.io-client';
import type { DeviceInfo } from '../../core/devices';
import { HelloSchema } from '../../core/protocol/socket';
import { createPrinter } from '../../hardware/printer/thermal-printer';
import { hubFetch, loadHubTrust, trustHubOrigin } from '../../main/agent/hub-trust';
import type { TerminalDevices } from '../../main/agent/serial-config';
import { loadTerminalConfig } from '../../main/agent/terminal-config';
import { loadCentreConfig } from '../../kiosk-config/load';

interface DoctorOptions {
  config?: string;
  centre?: string;
  device?: string;
  hub?: string;
  timeout: string;
}

interface Target {
  readonly hubUrl: string;
  readonly hubCa?: string;
  readonly hubCaFingerprint?: string;
  readonly deviceId: string;
  readonly token: string;
  readonly printerInterface?: string;
  readonly devices?: TerminalDevices;
}

/** One line of the report: ✓ or ✗, in Vietnamese, with an English hint when it fails. */
interface Check {
  readonly ok: boolean;
  readonly text: string;
  readonly hint?: string;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description("check a terminal: its config, the hub, the token, the printer, the serial ports and the scanner")
    .option('--config <file>', 'terminal config (JSON)')
    .option('--centre <file>', 'centre config to take the device and token from (instead of --config)')
    .option('--device <id>', 'device id in the centre config (with --centre)')
    .option('--hub <url>', 'hub address (default: from the config)')
    .option('--timeout <ms>', 'how long to wait for each answer', '4000')
    .action(async (opts: DoctorOptions) => {
      const checks = await runDoctor(opts, (c) => console.log(formatCheck(c)));
      const failed = checks.filter((c) => !c.ok).length;
      console.log(failed === 0 ? `\nTất cả ${checks.length} mục đều đạt. (all checks passed)` : `\n${failed}/${checks.length} mục không đạt. (${failed} check(s) failed)`);
      process.exitCode = failed === 0 ? 0 : 1;
    });
}

function formatCheck(c: Check): string {
  return `${c.ok ? '✓' : '✗'} ${c.text}${!c.ok && c.hint ? `\n    → ${c.hint}` : ''}`;
}

export async function runDoctor(opts: DoctorOptions, print: (c: Check) => void): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (c: Check) => {
    checks.push(c);
    print(c);
  };
  const timeoutMs = Number(opts.timeout) > 0 ? Number(opts.timeout) : 4000;

  const target = loadTarget(opts, add);
  if (!target) return checks;

  // The hub's certificate is from the CA this terminal trusts (an https:// hub).
  let caPem: string | undefined;
  if (target.hubCa !== undefined) {
    const trust = loadHubTrust(target.hubCa, target.hubCaFingerprint);
    if (!trust.ok) {
      add({ ok: false, text: `CA của máy chủ không dùng được: ${trust.error.message}`, hint: "copy tls/ca.pem from the hub's data dir and check hubCaFingerprint" });
      return checks;
    }
    caPem = trust.value.caPem;
    trustHubOrigin(target.hubUrl, trust.value);
  }

  // The hub answers at all.
  const healthUrl = new URL('/api/health', target.hubUrl).toString();
  try {
    const res = await hubFetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { ok?: boolean };
    add(res.ok && body.ok ? { ok: true, text: `Máy chủ trả lời ${healthUrl}` } : { ok: false, text: `Máy chủ trả lời lỗi (HTTP ${res.status}) tại ${healthUrl}`, hint: 'the hub is up but unhealthy: see its log' });
  } catch (e) {
    add({ ok: false, text: `Không kết nối được máy chủ ${target.hubUrl}`, hint: `check hubUrl, the network and that \`motcua hub\` runs (${(e as Error).message})` });
  }

  // The hub accepts this device's token (the same socket handshake the terminal makes).
  const device = await handshake(target, timeoutMs, caPem);
  if (device.ok) add({ ok: true, text: `Máy chủ chấp nhận thiết bị "${target.deviceId}" (${device.info.name}, ${device.info.role})` });
  else if (device.refused) add({ ok: false, text: `Máy chủ từ chối thiết bị "${target.deviceId}": ${device.reason}`, hint: 'check deviceId and token against the centre config (devices[].token)' });
  else add({ ok: false, text: `Không kiểm tra được thiết bị "${target.deviceId}" với máy chủ: ${device.reason}`, hint: 'the socket handshake failed: the hub is unreachable or not a motcua hub' });

  // The printer the hub assigns.
  if (device.ok && device.info.printer) {
    const profile = target.printerInterface ? { ...device.info.printer, interface: target.printerInterface } : device.info.printer;
    const printer = createPrinter({ ...profile, timeoutMs: Math.min(profile.timeoutMs, timeoutMs) });
    try {
      const s = await printer.status();
      if (s.ok) add({ ok: true, text: `Máy in ${profile.id} (${profile.interface}) sẵn sàng${s.value === 'paper-near-end' ? ' — giấy sắp hết' : ''}` });
      else add({ ok: false, text: `Máy in ${profile.id} (${profile.interface}): ${s.error.message}`, hint: 'check the printer is on, has paper, its cover is shut and the interface address is right' });
    } finally {
      await printer.close();
    }
  }

  // Each configured serial port exists and opens.
  const serial: [string, { path: string; baudRate: number } | undefined][] = [
    ['Bảng số LED', target.devices?.ledSign],
    ['Bàn phím đánh giá', target.devices?.ratingKeypad],
  ];
  for (const [label, port] of serial) {
    if (!port) continue;
    const r = await openPort(port.path, port.baudRate);
    add(r === null ? { ok: true, text: `${label}: cổng ${port.path} mở được` } : { ok: false, text: `${label}: không mở được cổng ${port.path} (${r})`, hint: 'check the cable, the port name (ls /dev/serial/by-id) and that no other program holds the port' });
  }

  // The SANE scanner, if configured.
  const scanner = target.devices?.saneScanner;
  if (scanner) add(checkScanner(scanner));
  return checks;
}

function loadTarget(opts: DoctorOptions, add: (c: Check) => void): Target | null {
  if (opts.config) {
    const r = loadTerminalConfig(path.resolve(opts.config));
    if (!r.ok) {
      add({ ok: false, text: `Cấu hình máy trạm không hợp lệ: ${r.error.message}`, hint: 'fix the terminal config (hubUrl, deviceId, token, devices)' });
      return null;
    }
    add({ ok: true, text: `Cấu hình máy trạm hợp lệ (${opts.config})` });
    return { ...r.value, hubUrl: opts.hub ?? r.value.hubUrl };
  }
  const file = opts.centre ?? 'kiosk-config/demo-centre.json';
  const centre = loadCentreConfig(path.resolve(file));
  if (!centre.ok) {
    add({ ok: false, text: `Cấu hình trung tâm không hợp lệ: ${centre.error.message}`, hint: 'fix the centre config, or pass --config terminal.json' });
    return null;
  }
  const device = centre.value.devices.find((d) => d.id === opts.device);
  if (!device) {
    add({ ok: false, text: `Không có thiết bị "${opts.device ?? ''}" trong ${file}`, hint: 'pass --device ID with an id from devices[] of the centre config' });
    return null;
  }
  if (device.token === undefined) {
    add({ ok: false, text: `Thiết bị "${device.id}" không có token trong ${file}: thiết bị được ghép nối bằng mã`, hint: 'pass --config with the terminal.json that `motcua agent --pair CODE` wrote' });
    return null;
  }
  add({ ok: true, text: `Cấu hình hợp lệ (${file}, thiết bị ${device.id})` });
  const { hub } = centre.value;
  const hubCa = hub.tls === false ? undefined : (hub.tls.caFile ?? path.join(hub.dataDir, 'tls', 'ca.pem'));
  return { hubUrl: opts.hub ?? `${hub.tls === false ? 'http' : 'https'}://${hub.host}:${hub.port}`, hubCa, deviceId: device.id, token: device.token };
}

type Handshake = { ok: true; info: DeviceInfo } | { ok: false; refused: boolean; reason: string };

function handshake(target: Target, timeoutMs: number, caPem?: string): Promise<Handshake> {
  const socket = io(target.hubUrl, { auth: { deviceId: target.deviceId, token: target.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs, ...(caPem ? { ca: caPem } : {}), rejectUnauthorized: true });
  return new Promise((resolve) => {
    const done = (r: Handshake) => {
      clearTimeout(timer);
      socket.close();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, refused: false, reason: `không trả lời trong ${timeoutMs} ms` }), timeoutMs);
    socket.once('session:hello', (raw: unknown) => {
      const hello = HelloSchema.safeParse(raw);
      done(hello.success ? { ok: true, info: hello.data.device } : { ok: false, refused: false, reason: 'lời chào không đúng giao thức (phiên bản khác?)' });
    });
    socket.once('connect_error', (e: Error & { data?: { message?: string } }) => done(
        e.message === 'unauthorized' || e.message === 'invalid-input'
          ? { ok: false, refused: true, reason: `sai mã thiết bị hoặc token (${e.data?.message ?? e.message})` }
          : { ok: false, refused: false, reason: e.message },
      ),);
  });
}

/** null when the port opened (and was closed again), else why not. */
function openPort(portPath: string, baudRate: number): Promise<string | null> {
  try {
    statSync(portPath);
  } catch {
    return Promise.resolve('không tồn tại');
  }
  const port = new SerialPort({ path: portPath, baudRate, autoOpen: false });
  return new Promise((resolve) => port.open((e) => (e ? resolve(e.message) : port.close(() => resolve(null)))));
}

function checkScanner(name: string): Check {
  // Only the test backend and the configured one: Debian's default dll.conf loads airscan, which probes the network for seconds.
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-sane-'));
  try {
    const backends = new Set(['test', name.split(':')[0]!]);
    writeFileSync(path.join(dir, 'dll.conf'), `${[...backends].join('\n')}\n`);
    const r = spawnSync('scanimage', ['-L'], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, SANE_CONFIG_DIR: dir } });
    if (r.error) return { ok: false, text: `Máy quét "${name}": không chạy được scanimage (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, hint: 'install sane-utils (apt install sane-utils)' };
    const found = [...r.stdout.matchAll(/device `([^']+)'/g)].map((m) => m[1]!);
    const match = found.find((d) => d === name || d.startsWith(`${name}:`));
    return match
      ? { ok: true, text: `Máy quét "${name}" có mặt (${match})` }
      : { ok: false, text: `Không thấy máy quét "${name}" (scanimage -L thấy: ${found.join(', ') || 'không có'})`, hint: 'check the scanner is on and its SANE backend is listed in dll.conf' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
