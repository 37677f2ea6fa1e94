import path from 'node:path';
import { Hub } from '../../hub/hub';
import { integrationsOf, mustLoadCentre } from './centre-runtime';
import { onShutdown } from './shutdown';

export async function runHubCommand(opts: { config: string; host?: string; port?: number; dataDir?: string; insecureHttp?: boolean; log?: boolean }): Promise<void> {
  const config = mustLoadCentre(opts.config);
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : config.hub.dataDir;
  const hub = new Hub({ config, dbFile: path.join(dataDir, 'hub.sqlite'), host: opts.host, port: opts.port, log: opts.log ?? false, tls: opts.insecureHttp ? false : undefined, integrations: integrationsOf(config) });
  const { url } = await hub.start();
  console.log(`motcua hub: ${config.centre.name}`);
  console.log(`  API      ${url}/api/health   ${url}/api/openapi.json`);
  console.log(`  database ${path.join(dataDir, 'hub.sqlite')}`);
  const tls = hub.tls;
  if (tls) {
    // What an operator copies into each terminal's config (hubCa, hubCaFingerprint).
    if (tls.caFile) console.log(`  CA       ${tls.caFile}`);
    if (tls.caFingerprint) console.log(`  CA SHA-256 ${tls.caFingerprint}`);
  } else console.log('  plain HTTP (loopback only): no TLS');
  onShutdown(() => hub.close());
}
