/** The result files of a dossier (renderer/shared/ResultFileList.tsx), on the back office and the counter. */
const vi = {
  title: 'Tệp kết quả',
  none: 'Chưa có tệp kết quả.',
  noneHint: 'Phòng chuyên môn đính kèm kết quả (giấy chứng nhận, quyết định…) khi giải quyết xong.',
  open: 'Mở',
  meta: (pages: number, size: string, by: string): string => `${pages} trang · ${size} · ${by}`,
  upload: {
    button: 'Đính kèm kết quả (PDF)',
    hint: (max: string): string => `Giấy chứng nhận, quyết định… dạng PDF, tối đa ${max} một tệp.`,
    sending: (name: string, size: string): string => `Đang gửi “${name}” (${size}) lên máy chủ…`,
    done: (name: string): string => `Đã đính kèm “${name}”.`,
    failed: (name: string): string => `Chưa đính kèm được “${name}”`,
    tooBig: (name: string, size: string, max: string): string => `Tệp “${name}” nặng ${size}, vượt giới hạn ${max} của một tệp kết quả.`,
    notPdf: (name: string): string => `Tệp “${name}” không phải PDF. Chỉ đính kèm được tệp PDF.`,
    empty: (name: string): string => `Tệp “${name}” rỗng.`,
    full: (max: number): string => `Hồ sơ đã có ${max} tệp kết quả, không đính kèm thêm được.`,
  },
};

export type ResultFilesStrings = typeof vi;

const en: ResultFilesStrings = {
  title: 'Result files',
  none: 'No result file yet.',
  noneHint: 'The department attaches the result (certificate, decision…) when it is done.',
  open: 'Open',
  meta: (pages, size, by) => `${pages} page${pages === 1 ? '' : 's'} · ${size} · ${by}`,
  upload: {
    button: 'Attach result (PDF)',
    hint: (max) => `Certificate, decision… as a PDF, at most ${max} per file.`,
    sending: (name, size) => `Sending “${name}” (${size}) to the hub…`,
    done: (name) => `Attached “${name}”.`,
    failed: (name) => `“${name}” was not attached`,
    tooBig: (name, size, max) => `“${name}” is ${size}, over the ${max} limit of a result file.`,
    notPdf: (name) => `“${name}” is not a PDF. Only PDF files can be attached.`,
    empty: (name) => `“${name}” is empty.`,
    full: (max) => `The dossier already has ${max} result files; no more can be attached.`,
  },
};

export const resultFilesStrings = { vi, en };
