import { useCallback, useState } from 'react';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import type { StatsGrouping, StatsRange } from '../../core/stats/stats-report';
import { saveFile } from './download-file';
import { useDayRangeReport } from './use-day-range-report';

/** While the range reaches today, the figures move: they are fetched again this often. */
const REFRESH_MS = 30_000;

/** The admin's statistics: the report of the shown range, and the downloads of it. */
export function useStats(bridge: Bridge, today: string) {
  const fetch = useCallback((r: StatsRange) => bridge.invoke('admin:stats', r), [bridge]);
  const { range, state, load } = useDayRangeReport(fetch, { from: today, to: today }, today, REFRESH_MS);
  const [downloading, setDownloading] = useState<'xlsx' | 'csv' | null>(null);
  const [downloadError, setDownloadError] = useState<AppError | null>(null);

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
