import path from 'node:path';
import { Hub } from '../../hub/hub';
import { mustLoadCentre } from './centre-runtime';
import { onShutdown } from './shutdown';

export async function runHubCommand(opts: { config: string; host?: string; port?: number; dataDir?: string; log?: boolean }): Promise<void> {
  const config = mustLoadCentre(opts.config);
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : config.hub.dataDir;
  const hub = new Hub({ config, dbFile: path.join(dataDir, 'hub.sqlite'), host: opts.host, port: opts.port, log: opts.log ?? false });
  const { url } = await hub.start();
  console.log(`motcua hub: ${config.centre.name}`);
  console.log(`  API      ${url}/api/health   ${url}/api/openapi.json`);
  console.log(`  database ${path.join(dataDir, 'hub.sqlite')}`);
  onShutdown(() => hub.close());
}
