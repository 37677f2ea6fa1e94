import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { toString as qrToString } from 'qrcode';
import { groupPairingCode, pairingQrText } from '../../core/protocol/pairing-commands';
import { AuditLog } from '../../hub/audit/audit-log';
import { openDatabase } from '../../hub/db/open-database';
import { DeviceCredentials } from '../../hub/devices/device-credentials';
import { PairingCodes } from '../../hub/devices/pairing-codes';
import { PairingService } from '../../hub/devices/pairing-service';
import { asyncOf } from '../../hub/store/async-of';
import { SqliteStore } from '../../hub/store/sqlite/sqlite-store';
import { mustLoadCentre } from './centre-runtime';

interface StoreOptions {
  readonly config: string;
  readonly dataDir?: string;
}

const actor = () => `cli:${os.userInfo().username}`;

/** The hub's database as `motcua hub` opens it (safe beside a running hub: WAL), with the pairing service over it. */
async function withPairing<T>(opts: StoreOptions, fn: (pairing: PairingService) => Promise<T>): Promise<T> {
  const centre = mustLoadCentre(opts.config);
  const db = openDatabase(path.join(opts.dataDir ? path.resolve(opts.dataDir) : centre.hub.dataDir, 'hub.sqlite'));
  try {
    const clock = () => new Date();
    return await fn(new PairingService({ store: new SqliteStore(db), codes: asyncOf(new PairingCodes(db)), credentials: asyncOf(new DeviceCredentials(db)), audit: asyncOf(new AuditLog(db, clock)), devices: centre.devices }));
  } finally {
    db.close();
  }
}

export function registerDeviceCommands(program: Command): void {
  const device = program.command('device').description("pairing the centre's terminals: one-time codes, the credential list, revocation");
  const store = (c: Command) =>
    c.option('-c, --config <file>', 'centre config (JSON)', 'kiosk-config/demo-centre.json').option('--data-dir <dir>', "the hub's data dir (default: from the config)");

  store(device.command('pair').description('a one-time pairing code (8 digits, 10 minutes) for a device of the centre config; type it at the terminal\'s setup page or `motcua agent --pair`'))
    .requiredOption('-d, --device <id>', 'the device id in the centre config (devices[].id)')
    .action(async (opts: StoreOptions & { device: string }) => {
      const code = await withPairing(opts, (p) => p.createCode(opts.device, actor(), new Date()));
      if (!code.ok) throw new Error(code.error.message);
      console.log(`Mã ghép nối cho "${code.value.deviceId}" (pairing code): ${groupPairingCode(code.value.code)}`);
      console.log(`Hết hạn lúc (expires): ${code.value.expiresAt} — dùng một lần (single use)`);
      console.log(await qrToString(pairingQrText(code.value.code), { type: 'utf8', errorCorrectionLevel: 'M' }));
    });

  store(device.command('list').description("every device of the config with its credential's state")).action(async (opts: StoreOptions) => {
    for (const s of await withPairing(opts, (p) => p.states())) {
      console.log(`${s.deviceId}\t${s.state}${s.rotationPending ? ' (rotation pending)' : ''}\tpaired ${s.pairedAt ?? '—'}\tlast seen ${s.lastSeenAt ?? '—'}${s.revokedAt ? `\trevoked ${s.revokedAt}` : ''}`);
    }
  });

  store(device.command('revoke').description('revoke a device: refused from its next sign-in until paired again (the admin screen also drops its live connections at once)'))
    .requiredOption('-d, --device <id>', 'the device id')
    .action(async (opts: StoreOptions & { device: string }) => {
      const revoked = await withPairing(opts, (p) => p.revoke(opts.device, actor(), new Date()));
      if (!revoked.ok) throw new Error(revoked.error.message);
      console.log(`Đã thu hồi thiết bị "${opts.device}" (revoked at ${revoked.value.revokedAt}).`);
    });
}
