import path from 'node:path';
import type { CentreConfig } from '../../kiosk-config/schema';
import type { ProvinceConfig } from '../../kiosk-config/province-schema';
import { centreConfigOf } from '../../kiosk-config/province-centre';
import { loadProvinceConfig } from '../../kiosk-config/load-province';
import { Hub } from '../../hub/hub';
import { CentreHubs } from '../../hub/centre-hubs';
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
  /** With --store: the process's connections for commands (hub/centre-hubs.ts, hub/store/hub-backend.ts). */
  poolSize?: number;
}

/** The centre's config: from the province file's centre, or the centre config file. */
function centreOf(opts: HubCommandOptions): CentreConfig {
  if (opts.province === undefined) return mustLoadCentre(opts.config);
  if (opts.centre === undefined) throw new StoreToolError('invalid-input', '--province cần --centre <mã trung tâm>.', '--province needs --centre <centre id>.');
  return provinceCentreOf(provinceOf(opts.province), opts.centre);
}

/** The province file, or why it cannot be used. */
function provinceOf(file: string): ProvinceConfig {
  const province = loadProvinceConfig(path.resolve(file));
  if (!province.ok) throw new StoreToolError(province.error.kind, `Cấu hình tỉnh không hợp lệ: ${province.error.message}`, `Invalid province config: ${province.error.message}`);
  return province.value;
}

/** One centre's config from the province, or why it cannot run. */
function provinceCentreOf(province: ProvinceConfig, id: string): CentreConfig {
  const centre = centreConfigOf(province, id);
  if (!centre.ok) throw new StoreToolError(centre.error.kind, `Không dùng được trung tâm "${id}": ${centre.error.message}`, `Cannot run centre "${id}": ${centre.error.message}`);
  return centre.value;
}

/** `--centre a,b,c` or `--centre all`: several centres of the province in this process. */
function severalCentres(opts: HubCommandOptions): boolean {
  return opts.centre !== undefined && (opts.centre === 'all' || opts.centre.includes(','));
}

export async function runHubCommand(opts: HubCommandOptions): Promise<void> {
  if (severalCentres(opts)) return runCentreHubs(opts);
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

/**
 * `motcua hub --store postgres://… --province FILE --centre a,b|all [--port P]`: one process serves
 * several centres of the province, each on its own port (P, P+1, … in the order given; 0: free
 * ports), on one PostgreSQL pool (hub/centre-hubs.ts). Every centre's address is printed.
 */
async function runCentreHubs(opts: HubCommandOptions): Promise<void> {
  await runStoreTool(async () => {
    if (opts.province === undefined || opts.store === undefined) {
      throw new StoreToolError('invalid-input', 'Nhiều trung tâm trong một tiến trình cần --province <tệp> và --store postgres://….', 'Several centres in one process need --province <file> and --store postgres://….');
    }
    const province = provinceOf(opts.province);
    const ids = opts.centre === 'all' ? province.centres.map((c) => c.id) : opts.centre!.split(',').map((s) => s.trim());
    const basePort = opts.port ?? 0;
    const centres = ids.map((id, k) => {
      const store = hubStoreChoiceOf({ store: opts.store, centre: id });
      const config = provinceCentreOf(province, id);
      return { centreId: store.kind === 'postgres' ? store.centreId : id, config, port: basePort === 0 ? 0 : basePort + k, integrations: integrationsOf(config) };
    });
    const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : path.resolve('data', 'province');
    let hubs: CentreHubs;
    try {
      hubs = await CentreHubs.start({ url: opts.store, centres, dataDir, ...(opts.poolSize !== undefined ? { poolSize: opts.poolSize } : {}), hub: { host: opts.host, log: opts.log ?? false, tls: opts.insecureHttp ? false : undefined } });
    } catch (e) {
      const centre = (e as { centreId?: string }).centreId;
      const where = centre ? ` (trung tâm ${centre})` : '';
      if (e instanceof NotOnPostgres) throw new StoreToolError(e.kind, `${e.message}${where}`, `${e.english}${centre ? ` (centre ${centre})` : ''}`);
      if (isConnectionError(e)) throw new StoreToolError('hub-unreachable', `Không kết nối được cơ sở dữ liệu PostgreSQL: ${(e as Error).message}.`, `Cannot reach the PostgreSQL database: ${(e as Error).message}.`);
      throw e;
    }
    console.log(`motcua hub: ${hubs.started.length} centres of ${province.province.name}, PostgreSQL`);
    for (const c of hubs.started) {
      console.log(`  ${c.centreId.padEnd(20)} ${c.url}/api/health   ${c.name}`);
      // What its tickets' and receipts' QR codes will open (province.publicBaseUrl + /c/<id>, docs/province.md).
      const publicBaseUrl = centres.find((x) => x.centreId === c.centreId)?.config.hub.publicBaseUrl;
      if (publicBaseUrl) console.log(`  ${''.padEnd(20)} public pages ${publicBaseUrl}/t/… /hs/… /dat-lich`);
    }
    onShutdown(() => hubs.close());
  });
}
