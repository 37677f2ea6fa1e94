import path from 'node:path';
import type { CentreConfig } from '../../kiosk-config/schema';
import { centreConfigOf } from '../../kiosk-config/province-centre';
import { loadProvinceConfig } from '../../kiosk-config/load-province';
import { Hub } from '../../hub/hub';
import { NotOnPostgres } from '../../hub/store/hub-backend';
import { isConnectionError } from '../../hub/store/pg/hub-unavailable';
import { StoreToolError } from '../../hub/store/pg/tool-error';
import { integrationsOf, mustLoadCentre } from './centre-runtime';
import { hubStoreChoiceOf } from './hub-store-option';
import { onShutdown } from './shutdown';
import { runStoreTool } from './store-tool';

export interface HubCommandOptions {
  config: string;
  host?: string;
  port?: number;
  dataDir?: string;
  insecureHttp?: boolean;
  log?: boolean;
  /** postgres://… : one centre of the province's database (with --centre). */
  store?: string;
  centre?: string;
  /** A province config: the centre's config is the province's `--centre` (kiosk-config/province-centre.ts). */
  province?: string;
}

/** The centre's config: from the province file's centre, or the centre config file. */
function centreOf(opts: HubCommandOptions): CentreConfig {
  if (opts.province === undefined) return mustLoadCentre(opts.config);
  if (opts.centre === undefined) throw new StoreToolError('invalid-input', '--province cần --centre <mã trung tâm>.', '--province needs --centre <centre id>.');
  const province = loadProvinceConfig(path.resolve(opts.province));
  if (!province.ok) throw new StoreToolError(province.error.kind, `Cấu hình tỉnh không hợp lệ: ${province.error.message}`, `Invalid province config: ${province.error.message}`);
  const centre = centreConfigOf(province.value, opts.centre);
  if (!centre.ok) throw new StoreToolError(centre.error.kind, `Không dùng được trung tâm "${opts.centre}": ${centre.error.message}`, `Cannot run centre "${opts.centre}": ${centre.error.message}`);
  return centre.value;
}

export async function runHubCommand(opts: HubCommandOptions): Promise<void> {
  await runStoreTool(async () => {
    const store = hubStoreChoiceOf(opts);
    const config = centreOf(opts);
    const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : config.hub.dataDir;
    const hub = new Hub({ config, store, dbFile: path.join(dataDir, 'hub.sqlite'), host: opts.host, port: opts.port, log: opts.log ?? false, tls: opts.insecureHttp ? false : undefined, integrations: integrationsOf(config) });
    try {
      await hub.start();
    } catch (e) {
      await hub.close().catch(() => undefined);
      if (e instanceof NotOnPostgres) throw new StoreToolError(e.kind, e.message, e.english);
      if (store.kind === 'postgres' && isConnectionError(e)) {
        throw new StoreToolError('hub-unreachable', `Không kết nối được cơ sở dữ liệu PostgreSQL: ${(e as Error).message}.`, `Cannot reach the PostgreSQL database: ${(e as Error).message}.`);
      }
      throw e;
    }
    const url = hub.url;
    console.log(`motcua hub: ${config.centre.name}`);
    console.log(`  API      ${url}/api/health   ${url}/api/openapi.json`);
    console.log(`  database ${store.kind === 'postgres' ? `PostgreSQL, centre ${store.centreId}` : path.join(dataDir, 'hub.sqlite')}`);
    const tls = hub.tls;
    if (tls) {
      // What an operator copies into each terminal's config (hubCa, hubCaFingerprint).
      if (tls.caFile) console.log(`  CA       ${tls.caFile}`);
      if (tls.caFingerprint) console.log(`  CA SHA-256 ${tls.caFingerprint}`);
    } else console.log('  plain HTTP (loopback only): no TLS');
    onShutdown(() => hub.close());
  });
}
