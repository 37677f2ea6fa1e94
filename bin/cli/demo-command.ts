import path from 'node:path';
import { mustLoadCentre, startCentre } from './centre-runtime';
import { onShutdown } from './shutdown';

export async function runDemoCommand(opts: { config: string; dataDir: string; headless?: boolean }): Promise<void> {
  const config = mustLoadCentre(opts.config);
  const dataDir = path.resolve(opts.dataDir);
  const centre = await startCentre({ config, dataDir, preferConfiguredPorts: true });
  const { agents } = centre;
  console.log(`\nmotcua demo — ${config.centre.name}`);
  console.log(`  hub              ${centre.hub.url}  (SQLite: ${path.join(dataDir, 'hub.sqlite')})`);
  console.log(`  virtual printer  tcp://127.0.0.1:${centre.printerPort} → tickets in ${path.join(dataDir, 'printed')}`);
  console.log('\nOpen in a browser:');
  console.log(`  Kiosk (lấy số)          ${agents.kiosk.url}`);
  console.log(`  Counter (${agents.counter.deviceId})     ${agents.counter.url}`);
  console.log(`  Display (màn hình chờ)  ${agents.display.url}`);
  console.log('\nCtrl-C to stop.');
  onShutdown(() => centre.close());
}
