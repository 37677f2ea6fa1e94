import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import type { StatsGrouping, StatsRange, StatsReport } from '../../core/stats/stats-report';
import { saveFile } from './download-file';

/** While the range reaches today, the figures move: they are fetched again this often. */
const REFRESH_MS = 30_000;

export type StatsState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly report: StatsReport }
  | { readonly kind: 'failed'; readonly error: AppError };

/** The admin's statistics: the report of the shown range, and the downloads of it. */
export function useStats(bridge: Bridge, today: string) {
  const [range, setRange] = useState<StatsRange>({ from: today, to: today });
  const [state, setState] = useState<StatsState>({ kind: 'loading' });
  const [downloading, setDownloading] = useState<'xlsx' | 'csv' | null>(null);
  const [downloadError, setDownloadError] = useState<AppError | null>(null);
  // Only the answer to the latest request is shown, whatever order the answers come in.
  const latest = useRef(0);

  const load = useCallback(
    (r: StatsRange) => {
      const ticket = ++latest.current;
      setRange(r);
      void bridge.invoke('admin:stats', r).then((res) => {
        if (ticket !== latest.current) return;
        setState(res.ok ? { kind: 'ready', report: res.value } : { kind: 'failed', error: res.error });
      });
    },
    [bridge],
  );

  useEffect(() => {
    load({ from: today, to: today });
    // Only once: later loads are the admin's choice of range.
  }, []);

  useEffect(() => {
    if (range.to < today) return;
    const timer = setInterval(() => load(range), REFRESH_MS);
    return () => clearInterval(timer);
  }, [range, today, load]);

  const download = useCallback(
    (format: 'xlsx' | 'csv', by?: StatsGrouping) => {
      setDownloading(format);
      setDownloadError(null);
      void bridge
        .invoke('admin:stats-export', { ...range, format, ...(by ? { by } : {}) })
        .then((res) => (res.ok ? saveFile(res.value) : setDownloadError(res.error)))
        .finally(() => setDownloading(null));
    },
    [bridge, range],
  );

  return { range, state, load, download, downloading, downloadError };
}
