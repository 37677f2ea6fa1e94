import { RATING_NAMES_VI } from './ratings';
import type { StatsGrouping, StatsRow } from './stats-report';

/** The columns of every export, Vietnamese headers first: one definition for the .xlsx and the .csv. */
export const STATS_COLUMNS: readonly { readonly field: Exclude<keyof StatsRow, 'key'>; readonly header: string }[] = [
  { field: 'label', header: 'Nhóm' },
  { field: 'issued', header: 'Số vé' },
  { field: 'served', header: 'Đã phục vụ' },
  { field: 'noShows', header: 'Vắng mặt' },
  { field: 'cancelled', header: 'Đã huỷ' },
  { field: 'waitMeanMinutes', header: 'Chờ TB (phút)' },
  { field: 'waitP90Minutes', header: 'Chờ P90 (phút)' },
  { field: 'serviceMeanMinutes', header: 'Phục vụ TB (phút)' },
  { field: 'idleMinutes', header: 'Thời gian rảnh (phút)' },
  { field: 'rating1', header: RATING_NAMES_VI[1] },
  { field: 'rating2', header: RATING_NAMES_VI[2] },
  { field: 'rating3', header: RATING_NAMES_VI[3] },
  { field: 'rating4', header: RATING_NAMES_VI[4] },
  { field: 'ratingCount', header: 'Số lượt đánh giá' },
  { field: 'ratingMean', header: 'Điểm đánh giá TB (1–4)' },
];

export const GROUPING_TITLES_VI: Readonly<Record<StatsGrouping, string>> = {
  day: 'Theo ngày',
  hour: 'Theo giờ',
  service: 'Theo lĩnh vực',
  counter: 'Theo quầy',
  clerk: 'Theo cán bộ',
};

/** The first column's header per grouping (what "Nhóm" means in that table). */
export const GROUPING_KEY_HEADERS_VI: Readonly<Record<StatsGrouping, string>> = {
  day: 'Ngày',
  hour: 'Giờ lấy số',
  service: 'Lĩnh vực',
  counter: 'Quầy',
  clerk: 'Cán bộ',
};

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One grouping as CSV: UTF-8 with a byte-order mark (without it Excel reads the Vietnamese as
 * Windows-1252), comma-separated, CRLF lines (RFC 4180), numbers with a dot.
 */
export function statsCsv(grouping: StatsGrouping, rows: readonly StatsRow[]): string {
  const header = STATS_COLUMNS.map((c, i) => csvField(i === 0 ? GROUPING_KEY_HEADERS_VI[grouping] : c.header));
  const lines = [header.join(','), ...rows.map((r) => STATS_COLUMNS.map((c) => csvField(r[c.field])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
