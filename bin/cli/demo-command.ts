import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from '../../main/launcher/electron-binary';
import { launchElectronTerminals } from '../../main/launcher/electron-terminals';
import { REPO_ROOT, TERMINAL_ROLES, firstDevice, mustLoadCentre, startCentre, startCentreServers, type CentreServers } from './centre-runtime';
import { ensureDemoAdmin } from './demo-admin';
import { pairDemoDevice } from './demo-pairing';
import { onShutdown } from './shutdown';

function printServers(s: CentreServers, dataDir: string): void {
  console.log(`\nmotcua demo — ${s.config.centre.name}`);
  console.log(`  hub              ${s.hub.url}  (SQLite: ${path.join(dataDir, 'hub.sqlite')})`);
  console.log(`  virtual printer  tcp://127.0.0.1:${s.printerPort} → tickets in ${path.join(dataDir, 'printed')}`);
}

/** The citizens' booking page when the centre books online (appointments.online), beside the terminals' addresses. */
function printBookingPage(s: CentreServers): void {
  if (s.config.appointments?.online) console.log(`  Đặt lịch (booking)      ${bookingPageUrl(s.hub.url)}`);
}

/** The public booking page on the hub's own address (behind a reverse proxy: `<publicBaseUrl>/dat-lich`). */
export function bookingPageUrl(hubUrl: string): string {
  return new URL('/dat-lich', hubUrl).toString();
}

export async function runDemoCommand(opts: { config: string; dataDir: string; headless?: boolean }): Promise<void> {
  const config = mustLoadCentre(opts.config);
  const dataDir = path.resolve(opts.dataDir);
  const electron = opts.headless ? null : findElectronBinary();

  if (electron) {
    const built = spawnSync('npm', ['run', 'build:electron'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:electron failed');
    const servers = await startCentreServers({ config, dataDir, preferConfiguredPorts: true });
    printServers(servers, dataDir);
    const terminals = [];
    // Each window's terminal is paired with a one-time code, as a new kiosk would be at its setup page.
    for (const role of TERMINAL_ROLES) {
      const d = firstDevice(config, role);
      const terminalDir = path.join(dataDir, 'terminals', d.id);
      const paired = await pairDemoDevice(servers.hub, d.id, terminalDir, new Date());
      terminals.push({
        name: role,
        config: {
          hubUrl: paired.hubUrl,
          deviceId: d.id,
          credential: paired.credential,
          dataDir: terminalDir,
          printerInterface: role === 'kiosk' ? `tcp://127.0.0.1:${servers.printerPort}` : undefined,
        },
      });
    }
    const closeWindows = launchElectronTerminals(electron, path.join(REPO_ROOT, 'dist/electron/main.cjs'), dataDir, terminals);
    printBookingPage(servers);
    console.log(`\nElectron (${electron}): kiosk, counter and display windows are opening. Ctrl-C to stop.`);
    onShutdown(async () => {
      await closeWindows();
      await servers.close();
    });
    return;
  }

  const centre = await startCentre({ config, dataDir, preferConfiguredPorts: true, pairDevices: true });
  printServers(centre, dataDir);
  const demoAdmin = await ensureDemoAdmin(dataDir);
  const { agents } = centre;
  console.log('\nOpen in a browser:');
  console.log(`  Kiosk (lấy số)          ${agents.kiosk.launchUrl()}`);
  console.log(`  Counter (${agents.counter.deviceId})     ${agents.counter.launchUrl()}`);
  console.log(`  Display (màn hình chờ)  ${agents.display.launchUrl()}`);
  console.log(`  Admin (thiết bị)        ${agents.admin.launchUrl()}`);
  console.log(`                          đăng nhập (sign in): ${demoAdmin.username} / ${demoAdmin.password}`);
  console.log(`  Back office (${agents.backoffice.deviceId})  ${agents.backoffice.launchUrl()}`);
  console.log(`                          cán bộ (officer) PIN 5555`);
  printBookingPage(centre);
  console.log('\nCtrl-C to stop.');
  onShutdown(() => centre.close());
}
