import ExcelJS from 'exceljs';
import { STATS_DEFINITIONS, STATS_GROUPINGS, type StatsReport } from '../../core/stats/stats-report';
import { GROUPING_KEY_HEADERS_VI, GROUPING_TITLES_VI, STATS_COLUMNS } from '../../core/stats/stats-table';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The report as an Excel workbook: one sheet per grouping with Vietnamese headers and the figures
 * as numbers (so the centre can sum and chart them), a total line on each, and a sheet of definitions.
 */
export async function statsWorkbook(report: StatsReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'motcua';
  book.created = new Date(report.generatedAt);
  for (const grouping of STATS_GROUPINGS) {
    const sheet = book.addWorksheet(GROUPING_TITLES_VI[grouping]);
    sheet.columns = STATS_COLUMNS.map((c, i) => ({ header: i === 0 ? GROUPING_KEY_HEADERS_VI[grouping] : c.header, key: c.field, width: i === 0 ? 28 : 14 }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of report.groups[grouping]) sheet.addRow(Object.fromEntries(STATS_COLUMNS.map((c) => [c.field, row[c.field]])));
    // Counters and clerks are subsets of the tickets (never-called tickets belong to none): a total would mislead there.
    if (grouping === 'day' || grouping === 'hour' || grouping === 'service') {
      const total = sheet.addRow(Object.fromEntries(STATS_COLUMNS.map((c) => [c.field, c.field === 'idleMinutes' ? null : report.total[c.field]])));
      total.font = { bold: true };
    }
  }
  const about = book.addWorksheet('Giải thích');
  about.columns = [{ width: 22 }, { width: 110 }];
  about.addRow(['Từ ngày', report.from]);
  about.addRow(['Đến ngày', report.to]);
  about.addRow(['Múi giờ', report.timeZone]);
  about.addRow(['Lập lúc', report.generatedAt]);
  for (const [k, v] of Object.entries(STATS_DEFINITIONS)) about.addRow([k, v]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
