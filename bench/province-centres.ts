import type { CentreConfig } from '../kiosk-config/schema';
import { benchCentre, type BenchCounter } from './bench-centre';

export interface ProvinceBenchCentre {
  readonly centreId: string;
  readonly config: CentreConfig;
  readonly counters: readonly BenchCounter[];
  /** Device id → token, for the bench's sockets. */
  readonly tokens: ReadonlyMap<string, string>;
}

/**
 * N centres of a bench province: each the bench centre (twelve counters) with device ids, tokens
 * and dossier code prefix of its own (device rooms and dossier codes are province-wide). The
 * agencies' back-office devices belong to the first centre only: an agency's back office is one,
 * wherever its dossiers were received.
 */
export function provinceBenchCentres(n: number): ProvinceBenchCentre[] {
  return Array.from({ length: n }, (_, k) => {
    const suffix = `c${String(k + 1).padStart(2, '0')}`;
    const { config, counters } = benchCentre();
    const rename = (id: string) => `${id}-${suffix}`;
    const devices = config.devices
      .filter((d) => k === 0 || d.role !== 'backoffice')
      .map((d) => ({ ...d, id: rename(d.id), ...(d.token ? { token: `${d.token}-${suffix}` } : {}) }));
    const tokens = new Map(devices.flatMap((d) => (d.token ? [[d.id, d.token] as const] : [])));
    return {
      centreId: `trung-tam-${suffix}`,
      config: { ...config, centre: { ...config.centre, name: `Trung tâm ${k + 1}` }, devices, dossierCodePrefix: `C${String(k + 1).padStart(2, '0')}` } as CentreConfig,
      counters: counters.map((c) => ({ ...c, deviceId: rename(c.deviceId), token: `${c.token}-${suffix}` })),
      tokens,
    };
  });
}
