import ExcelJS from 'exceljs';
import type { DossierCounts, ProvinceStats, ProvinceStatsRange } from '../../core/stats/province-stats';

const COLUMNS: readonly { readonly key: keyof Omit<DossierCounts, 'id' | 'name'>; readonly header: string }[] = [
  { key: 'received', header: 'Tiếp nhận' },
  { key: 'open', header: 'Đang giải quyết' },
  { key: 'overdue', header: 'Quá hạn' },
  { key: 'finished', header: 'Đã xong' },
  { key: 'refused', header: 'Từ chối' },
];

/**
 * The province statistics as an Excel workbook: a sheet per receiving centre and per competent
 * agency (Vietnamese headers, the figures as numbers, a "Toàn tỉnh" line), and what they mean.
 */
export async function provinceWorkbook(stats: ProvinceStats, range: ProvinceStatsRange): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'motcua';
  book.created = new Date(stats.at);
  const sheet = (title: string, head: string, rows: readonly DossierCounts[]) => {
    const s = book.addWorksheet(title);
    s.columns = [{ header: head, key: 'name', width: 52 }, { header: 'Mã', key: 'id', width: 26 }, ...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 16 }))];
    s.getRow(1).font = { bold: true };
    s.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows) s.addRow(r);
    s.addRow({ name: 'Toàn tỉnh', ...stats.total }).font = { bold: true };
  };
  sheet('Theo trung tâm', 'Trung tâm (nơi tiếp nhận)', stats.centres);
  sheet('Theo cơ quan', 'Cơ quan có thẩm quyền', stats.agencies);
  const about = book.addWorksheet('Giải thích');
  about.columns = [{ width: 22 }, { width: 110 }];
  about.addRow(['Từ ngày', range.from]);
  about.addRow(['Đến ngày', range.to]);
  about.addRow(['Quá hạn tính đến', stats.at]);
  about.addRow(['Tiếp nhận', 'Hồ sơ tiếp nhận trong khoảng ngày (giờ Việt Nam), tính ở trung tâm tiếp nhận và ở cơ quan có thẩm quyền.']);
  about.addRow(['Đang giải quyết', 'Đã tiếp nhận, đang xử lý hoặc đang chờ bổ sung.']);
  about.addRow(['Quá hạn', 'Đang giải quyết và đã quá hạn trả kết quả tại thời điểm lập bảng.']);
  about.addRow(['Đã xong', 'Đã có kết quả hoặc đã trả kết quả.']);
  about.addRow(['Từ chối', 'Từ chối tiếp nhận giải quyết (Mẫu 03).']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The file name of a range: thong-ke-toan-tinh-2026-12-01-den-2026-12-31.xlsx. */
export function provinceWorkbookName(range: ProvinceStatsRange): string {
  return range.from === range.to ? `thong-ke-toan-tinh-${range.from}.xlsx` : `thong-ke-toan-tinh-${range.from}-den-${range.to}.xlsx`;
}
