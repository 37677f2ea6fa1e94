import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The province's front (docs/province.md, "The picture"): docs/nginx/province.conf.template with
 * its @…@ fields filled — what `motcua province front` prints and what the nginx tests run.
 */
export const FRONT_TEMPLATE = path.resolve(import.meta.dirname, '../../docs/nginx/province.conf.template');

/** One centre behind the front: its path prefix `/c/<id>/` (or the whole site) and its port on each hub process. */
export interface FrontCentre {
  readonly centreId: string;
  /** host:port of this centre on every hub process: the centre's own process first, the others its backups. */
  readonly servers: readonly string[];
}

/** A hub process as `motcua hub --centre all --port <basePort>` runs it: centre k of the list on basePort + k. */
export interface FrontProcess {
  readonly host: string;
  readonly basePort: number;
}

/**
 * Every centre on every process, centre k (in the order the processes were started with) on port
 * basePort + k; its own process the k-th in turn (k mod the number of processes), the others after
 * it as backups — so the centres are spread evenly over the processes while all are up.
 */
export function frontCentres(centreIds: readonly string[], processes: readonly FrontProcess[]): FrontCentre[] {
  if (processes.length === 0) throw new Error('at least one hub process');
  return centreIds.map((centreId, k) => ({
    centreId,
    servers: processes.map((_, j) => processes[(k + j) % processes.length]!).map((p) => `${p.host}:${p.basePort + k}`),
  }));
}

/** nginx's name for a centre's upstream. */
const upstreamName = (centreId: string) => `centre_${centreId.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * The config: an upstream per centre (its first server the centre's own process, the others
 * `backup`), a location per centre (`prefixed`: `/c/<id>/`, its prefix stripped; else the one
 * centre at the site's root), `dir` for nginx's pid, logs and temp files, `listen` its address.
 */
export function frontConfig(fields: { readonly dir: string; readonly listen: string; readonly centres: readonly FrontCentre[]; readonly prefixed: boolean }, template = readFileSync(FRONT_TEMPLATE, 'utf8')): string {
  if (!fields.prefixed && fields.centres.length !== 1) throw new Error('one centre at the root, or every centre under /c/<id>/');
  const upstreams = fields.centres
    .map((c) => [`    upstream ${upstreamName(c.centreId)} {`, ...c.servers.map((s, k) => `        server ${s} max_fails=1 fail_timeout=5s${k === 0 ? '' : ' backup'};`), '    }'].join('\n'))
    .join('\n');
  const locations = fields.prefixed
    ? fields.centres.map((c) => `        location /c/${c.centreId}/ {\n            proxy_pass http://${upstreamName(c.centreId)}/;\n        }`).join('\n')
    : `        location / {\n            proxy_pass http://${upstreamName(fields.centres[0]!.centreId)};\n        }`;
  return template
    .replaceAll('@DIR@', fields.dir)
    .replaceAll('@LISTEN@', fields.listen)
    .replace(/^@UPSTREAMS@$/m, () => upstreams)
    .replace(/^@LOCATIONS@$/m, () => locations);
}
