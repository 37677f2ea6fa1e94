import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { connectDevice, tempDir, type DeviceSocket } from './centre';
import { startPostgres, type PostgresInstance } from './postgres';
import { demoProvinceToken, startProvinceProcess, type ProvinceProcess } from './province-process';

export interface TwoProvinceProcesses {
  readonly one: ProvinceProcess;
  readonly two: ProvinceProcess;
  readonly dbUrl: string;
  /** Each process's own data directory. */
  readonly dataDirs: { readonly one: string; readonly two: string };
  /** A demo province device connected at `centre`'s address of process `p` (closed after the file). */
  open(p: ProvinceProcess, centre: string, deviceId: string): ReturnType<typeof connectDevice>;
}

/**
 * For a describe block: a private PostgreSQL and two `motcua hub --province demo --centre all`
 * processes on it, each with its own data directory (nothing shared on disk); stopped, with every
 * device opened through `open`, after the block.
 */
export function useTwoProvinceProcesses(): TwoProvinceProcesses {
  let pg: PostgresInstance | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  let started: { one: ProvinceProcess; two: ProvinceProcess; dbUrl: string; dataDirs: { one: string; two: string } } | undefined;
  const sockets: DeviceSocket[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    const dbUrl = await pg.createDatabase('province');
    tmp = tempDir();
    const dataDirs = { one: path.join(tmp.dir, 'one'), two: path.join(tmp.dir, 'two') };
    const [one, two] = await Promise.all([startProvinceProcess(dbUrl, dataDirs.one, 'all'), startProvinceProcess(dbUrl, dataDirs.two, 'all')]);
    started = { one, two, dbUrl, dataDirs };
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([started?.one.stop(), started?.two.stop()]);
    await pg?.stop();
    tmp?.remove();
  }, 60_000);

  const must = () => {
    if (!started) throw new Error('the two province processes are not started (used outside the describe block?)');
    return started;
  };
  return {
    get one() {
      return must().one;
    },
    get two() {
      return must().two;
    },
    get dbUrl() {
      return must().dbUrl;
    },
    get dataDirs() {
      return must().dataDirs;
    },
    async open(p, centre, deviceId) {
      const c = await connectDevice(p.urls.get(centre)!, deviceId, demoProvinceToken(deviceId));
      sockets.push(c.socket);
      return c;
    },
  };
}
