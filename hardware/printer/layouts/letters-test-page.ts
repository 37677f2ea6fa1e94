import type { PrinterProfile } from '../../../core/devices';
import type { Block, PrintDocument } from '../print-document';
import { stripVietnamese } from '../text-encodings';

/**
 * `motcua print-test`: every Vietnamese letter, lower and upper case, every
 * tone, in the profile's strategy — so an installer can pick the strategy and
 * code page by looking at paper. The labels and instructions are plain ASCII
 * on purpose: they stay readable when the Vietnamese comes out garbled, which
 * is exactly when they are needed.
 */

/** Each row: its Telex name (how Vietnamese typists call the letter) and the letter in the six tones. */
const ROWS: ReadonlyArray<readonly [string, string]> = [
  ['a', 'aàáảãạ'], ['aw', 'ăằắẳẵặ'], ['aa', 'âầấẩẫậ'],
  ['e', 'eèéẻẽẹ'], ['ee', 'êềếểễệ'],
  ['i', 'iìíỉĩị'],
  ['o', 'oòóỏõọ'], ['oo', 'ôồốổỗộ'], ['ow', 'ơờớởỡợ'],
  ['u', 'uùúủũụ'], ['uw', 'ưừứửữự'],
  ['y', 'yỳýỷỹỵ'],
];

function row(label: string, letters: string): string {
  const lower = [...letters].join(' ');
  return `${label}: ${lower} | ${lower.toLocaleUpperCase('vi')}`;
}

function pages(profile: PrinterProfile): string {
  switch (profile.textStrategy) {
    case 'cp1258':
      return `ESC t ${profile.codePage ?? '?'}`;
    case 'tcvn3':
      return `ESC t ${profile.codePage ?? '?'}+${profile.capitalsCodePage ?? (profile.codePage ?? 0) + 1}`;
    case 'raster':
      return 'GS v 0 (anh)';
    case 'ascii':
      return 'khong dau';
  }
}

export function lettersTestPage(profile: PrinterProfile): PrintDocument {
  const blocks: Block[] = [
    { kind: 'text', text: 'KIEM TRA IN TIENG VIET', align: 'center', bold: true, tall: true },
    { kind: 'text', text: 'Vietnamese letters test page', align: 'center' },
    { kind: 'rule' },
    { kind: 'field', label: 'May in', value: `${profile.id} - ${stripVietnamese(profile.model)}` },
    { kind: 'field', label: 'Cach in chu', value: `${profile.textStrategy}, ${pages(profile)}` },
    { kind: 'field', label: 'Kho giay', value: `${profile.paperWidth} mm` },
    { kind: 'text', text: 'Thu tu dau: khong, f, s, r, x, j (Telex)' },
    { kind: 'rule' },
    ...ROWS.map(([label, letters]): Block => ({ kind: 'text', text: row(label, letters) })),
    { kind: 'text', text: 'dd: đ | Đ' },
    { kind: 'rule' },
    { kind: 'text', text: 'Câu mẫu: Trung tâm Phục vụ Hành chính công, quầy số 3, phường Hoàn Kiếm.' },
    { kind: 'text', text: 'SỐ THỨ TỰ - GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', bold: true },
    { kind: 'rule' },
    {
      kind: 'text',
      text: 'Dung khi moi chu in ra giong chu tren man hinh (dau dat dung cho, khong co dau ?). Neu sai, thu textStrategy khac (cp1258, tcvn3, raster) hoac codePage khac.',
    },
  ];
  return { kind: 'print-test', blocks };
}
