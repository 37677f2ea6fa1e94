import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import type { ProvinceStats, ProvinceStatsRange } from '../../core/stats/province-stats';
import { saveFile } from './download-file';

/** While the range reaches today, overdue moves with the clock: fetched again this often. */
const REFRESH_MS = 60_000;

export type ProvinceStatsState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly stats: ProvinceStats }
  | { readonly kind: 'failed'; readonly error: AppError };

/** The province administrator's figures for the shown range of days (Vietnam). */
export function useProvinceStats(bridge: Bridge, today: string) {
  const [range, setRange] = useState<ProvinceStatsRange>({ from: today, to: today });
  const [state, setState] = useState<ProvinceStatsState>({ kind: 'loading' });
  // Only the answer to the latest request is shown, whatever order the answers come in.
  const latest = useRef(0);

  const load = useCallback(
    (r: ProvinceStatsRange) => {
      const ticket = ++latest.current;
      setRange(r);
      void bridge.invoke('admin:province-stats', r).then((res) => {
        if (ticket === latest.current) setState(res.ok ? { kind: 'ready', stats: res.value } : { kind: 'failed', error: res.error });
      });
    },
    [bridge],
  );

  useEffect(() => {
    load({ from: today, to: today });
    // Only once: later loads are the administrator's choice of range.
  }, []);

  useEffect(() => {
    if (range.to < today) return;
    const timer = setInterval(() => load(range), REFRESH_MS);
    return () => clearInterval(timer);
  }, [range, today, load]);

  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<AppError | null>(null);
  /** The shown range as an Excel workbook. */
  const download = useCallback(() => {
    setDownloading(true);
    setDownloadError(null);
    void bridge
      .invoke('admin:province-stats-export', range)
      .then((res) => (res.ok ? saveFile(res.value) : setDownloadError(res.error)))
      .finally(() => setDownloading(false));
  }, [bridge, range]);

  return { range, state, load, download, downloading, downloadError };
}
