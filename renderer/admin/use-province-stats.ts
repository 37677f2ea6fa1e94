import { useCallback, useState } from 'react';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import type { ProvinceStatsRange } from '../../core/stats/province-stats';
import { saveFile } from './download-file';
import { useDayRangeReport } from './use-day-range-report';

/** While the range reaches today, overdue moves with the clock: fetched again this often. */
const REFRESH_MS = 60_000;

/** The province administrator's figures for the shown range of days (Vietnam). */
export function useProvinceStats(bridge: Bridge, today: string) {
  const fetch = useCallback((r: ProvinceStatsRange) => bridge.invoke('admin:province-stats', r), [bridge]);
  const { range, state, load } = useDayRangeReport(fetch, { from: today, to: today }, today, REFRESH_MS);

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
