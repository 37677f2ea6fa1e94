import { existsSync } from 'node:fs';
import path from 'node:path';
import { mustLoadCentre } from './centre-runtime';

/** The hub's SQLite file: `<--data-dir>/hub.sqlite`, else the centre config's hub.dataDir; it must exist. */
export function hubDatabaseFile(opts: { readonly dataDir?: string; readonly config: string }): string {
  const dir = opts.dataDir ? path.resolve(opts.dataDir) : mustLoadCentre(opts.config).hub.dataDir;
  const file = path.join(dir, 'hub.sqlite');
  if (!existsSync(file)) throw new Error(`no hub database at ${file} (give --data-dir, or the centre config with -c)`);
  return file;
}
