/** The result files of a dossier (renderer/shared/ResultFileList.tsx), on the back office and the counter. */
const vi = {
  title: 'Tệp kết quả',
  none: 'Chưa có tệp kết quả.',
  noneHint: 'Phòng chuyên môn đính kèm kết quả (giấy chứng nhận, quyết định…) khi giải quyết xong.',
  open: 'Mở',
  meta: (pages: number, size: string, by: string): string => `${pages} trang · ${size} · ${by}`,
};

export type ResultFilesStrings = typeof vi;

const en: ResultFilesStrings = {
  title: 'Result files',
  none: 'No result file yet.',
  noneHint: 'The department attaches the result (certificate, decision…) when it is done.',
  open: 'Open',
  meta: (pages, size, by) => `${pages} page${pages === 1 ? '' : 's'} · ${size} · ${by}`,
};

export const resultFilesStrings = { vi, en };
