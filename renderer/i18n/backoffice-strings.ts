import type { DossierAction, DossierStatus } from '../../core/dossiers/dossier-state';
import { dossierStatusVi } from '../../core/dossiers/dossier-state';

/** The tabs of the back-office inbox (renderer/backoffice/inbox.ts says which dossiers each holds). */
export type InboxTab = 'new' | 'processing' | 'supplement' | 'overdue' | 'done' | 'refused' | 'all';
/** What the back office does to a dossier (the counter's `return` is not among them). */
export type BackofficeAction = Exclude<DossierAction, 'return'>;

/** How long past due, in words: "2 ngày 3 giờ", "45 phút". */
function lateVi(days: number, hours: number, minutes: number): string {
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return minutes > 0 ? `${hours} giờ ${minutes} phút` : `${hours} giờ`;
  return `${Math.max(minutes, 1)} phút`;
}

function lateEn(days: number, hours: number, minutes: number): string {
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  return unit(Math.max(minutes, 1), 'minute');
}

const vi = {
  title: 'Bộ phận xử lý hồ sơ',
  department: 'Phòng chuyên môn',
  signIn: {
    title: 'Cán bộ đăng nhập để xử lý hồ sơ',
    who: 'Chọn cán bộ',
    noOfficers: 'Phòng này chưa có cán bộ nào được khai báo. Vui lòng liên hệ quản trị viên.',
    pin: 'Mã PIN',
    pinPad: 'Bàn phím số',
    erase: 'Xoá',
    clear: 'Xoá hết',
    submit: 'Đăng nhập',
    working: 'Đang đăng nhập…',
    failed: 'Chưa đăng nhập được',
  },
  signOut: 'Đăng xuất',
  signedInAs: 'Cán bộ xử lý',
  tabs: {
    new: 'Mới tiếp nhận',
    processing: 'Đang xử lý',
    supplement: 'Chờ bổ sung',
    overdue: 'Quá hạn',
    done: 'Đã xong',
    refused: 'Từ chối',
    all: 'Tất cả',
  } satisfies Record<InboxTab, string>,
  tabsLabel: 'Hồ sơ theo trạng thái',
  loading: 'Đang tải danh sách hồ sơ…',
  loadFailed: 'Không tải được danh sách hồ sơ',
  retry: 'Tải lại',
  empty: 'Không có hồ sơ nào ở mục này.',
  newBadge: 'Mới',
  overdueBy: (late: string): string => `Quá hạn ${late}`,
  late: lateVi,
  dueAt: (when: string): string => `Hẹn trả ${when}`,
  receivedAt: (when: string): string => `Nhận ${when}`,
  toast: {
    arrived: 'Hồ sơ mới chuyển đến',
    open: 'Mở hồ sơ',
    close: 'Đóng thông báo',
  },
  status: ((s: DossierStatus): string => dossierStatusVi(s)) as (s: DossierStatus) => string,
  view: {
    /** The dossier's sync with the national portal, as the hub words it ("đã đồng bộ", "chờ đồng bộ", "lỗi: …"). */
    sync: ((_state: 'synced' | 'pending' | 'error', label: string): string => `Cổng DVC quốc gia: ${label}`) as (state: 'synced' | 'pending' | 'error', label: string) => string,
    pick: 'Chọn một hồ sơ trong danh sách để xem và xử lý.',
    loading: 'Đang mở hồ sơ…',
    failed: 'Không mở được hồ sơ',
    code: 'Mã hồ sơ',
    applicant: 'Người nộp',
    idNumber: 'Số CCCD',
    dateOfBirth: 'Ngày sinh',
    address: 'Địa chỉ',
    phone: 'Điện thoại',
    procedure: 'Thủ tục',
    status: 'Trạng thái',
    received: 'Ngày nhận',
    receivedBy: 'Nơi tiếp nhận',
    due: 'Hẹn trả kết quả',
    fee: 'Phí, lệ phí',
    feeValue: (paid: string, fee: string): string => (paid === fee ? `${paid} (đã nộp đủ)` : `Đã nộp ${paid} / phải nộp ${fee}`),
    free: 'Không thu phí',
    documents: 'Thành phần hồ sơ đã nhận',
    noDocuments: 'Không có giấy tờ nào được ghi nhận.',
    copies: (n: number, original: boolean): string => `${n} ${original ? 'bản chính' : 'bản sao'}`,
    missing: 'Giấy tờ cần bổ sung',
    scan: 'Bản quét hồ sơ',
    scanPages: (pages: number, size: string): string => `${pages} trang · ${size}`,
    openPdf: 'Mở PDF',
    noScan: 'Chưa có bản quét',
    noScanHint: 'Quầy tiếp nhận chưa gửi bản quét của hồ sơ này.',
    close: 'Đóng',
  },
  actions: {
    title: 'Xử lý hồ sơ',
    none: 'Hồ sơ ở trạng thái này không còn thao tác nào tại phòng chuyên môn.',
    names: {
      accept: 'Tiếp nhận xử lý',
      processing: 'Tiếp tục giải quyết',
      supplement: 'Yêu cầu bổ sung',
      refuse: 'Từ chối giải quyết',
      done: 'Hoàn thành',
      delay: 'Hẹn lại ngày trả',
    } satisfies Record<BackofficeAction, string>,
    hints: {
      accept: 'Phòng nhận hồ sơ từ Bộ phận Một cửa và bắt đầu giải quyết.',
      processing: 'Người nộp đã bổ sung đủ giấy tờ: tiếp tục giải quyết.',
      supplement: 'Gửi Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) cho người nộp qua Bộ phận Một cửa.',
      refuse: 'Gửi Phiếu từ chối tiếp nhận, giải quyết hồ sơ (Mẫu 03) cho người nộp.',
      done: 'Đã có kết quả: chuyển Bộ phận Một cửa để trả cho người nộp.',
      delay: 'Gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).',
    } satisfies Record<BackofficeAction, string>,
    note: 'Ghi chú (không bắt buộc)',
    reason: 'Lý do',
    reasonSupplement: 'Lý do cần bổ sung',
    missingTitle: 'Giấy tờ cần bổ sung',
    missingOther: 'Giấy tờ khác (mỗi dòng một loại)',
    missingNeeded: 'Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung.',
    newDue: 'Ngày, giờ hẹn trả mới',
    confirm: 'Xác nhận',
    cancel: 'Huỷ',
    working: 'Đang gửi…',
    done: (action: string, status: string): string => `Đã ${action.toLowerCase()} — hồ sơ chuyển sang “${status}”.`,
    failed: 'Thao tác không thành công',
  },
  form05: {
    title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    sectionTitle: 'Phiếu kiểm soát quá trình giải quyết (Mẫu 05)',
    nation: 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập – Tự do – Hạnh phúc',
    form: 'Mẫu số 05',
    code: 'Mã hồ sơ',
    applicant: 'Người nộp',
    procedure: 'Thủ tục',
    received: 'Ngày nhận',
    due: 'Hẹn trả kết quả',
    receivedAtCentre: 'Nơi tiếp nhận',
    collectAtCentre: 'Nơi trả kết quả',
    columns: { index: 'STT', handOff: 'Giao – nhận hồ sơ', who: 'Người thực hiện', role: 'Bộ phận', at: 'Thời gian', status: 'Trạng thái', note: 'Ghi chú', newDue: 'Hẹn trả mới' },
    empty: 'Chưa có bước nào được ghi nhận.',
    print: 'In phiếu kiểm soát',
    printedAt: (when: string): string => `In lúc ${when}`,
    counterRole: 'Bộ phận tiếp nhận và trả kết quả',
    handOff: (action: DossierAction | 'receive', department: string): string => {
      switch (action) {
        case 'receive':
          return 'Bộ phận Một cửa tiếp nhận hồ sơ của người nộp';
        case 'accept':
          return `Bộ phận Một cửa giao — ${department} nhận`;
        case 'processing':
          return `Bộ phận Một cửa giao hồ sơ bổ sung — ${department} nhận`;
        case 'supplement':
          return `${department} giao — Bộ phận Một cửa nhận (yêu cầu bổ sung)`;
        case 'refuse':
          return `${department} giao — Bộ phận Một cửa nhận (từ chối giải quyết)`;
        case 'done':
          return `${department} giao kết quả — Bộ phận Một cửa nhận`;
        case 'delay':
          return `${department} hẹn lại ngày trả (Mẫu 04)`;
        case 'return':
          return 'Bộ phận Một cửa trả kết quả cho người nộp';
      }
    },
  },
};

export type BackofficeStrings = typeof vi;

const STATUS_EN: Readonly<Record<DossierStatus, string>> = {
  received: 'Received',
  processing: 'Being processed',
  'supplement-requested': 'Supplement requested',
  done: 'Result ready for return',
  returned: 'Result returned',
  refused: 'Refused',
};

const en: BackofficeStrings = {
  title: 'Dossier processing',
  department: 'Department',
  signIn: {
    title: 'Officer sign-in to process dossiers',
    who: 'Choose the officer',
    noOfficers: 'No officer is set up for this department. Please ask the administrator.',
    pin: 'PIN',
    pinPad: 'Number pad',
    erase: 'Erase',
    clear: 'Clear',
    submit: 'Sign in',
    working: 'Signing in…',
    failed: 'Could not sign in',
  },
  signOut: 'Sign out',
  signedInAs: 'Officer',
  tabs: { new: 'New', processing: 'In progress', supplement: 'Awaiting supplement', overdue: 'Overdue', done: 'Finished', refused: 'Refused', all: 'All' },
  tabsLabel: 'Dossiers by status',
  loading: 'Loading dossiers…',
  loadFailed: 'Could not load the dossiers',
  retry: 'Reload',
  empty: 'No dossier here.',
  newBadge: 'New',
  overdueBy: (late) => `Overdue by ${late}`,
  late: lateEn,
  dueAt: (when) => `Due ${when}`,
  receivedAt: (when) => `Received ${when}`,
  toast: { arrived: 'New dossier received', open: 'Open dossier', close: 'Close notice' },
  status: (s) => STATUS_EN[s],
  view: {
    sync: (state, label) => (state === 'synced' ? 'National portal: synced' : state === 'pending' ? 'National portal: waiting to sync' : `National portal: ${label.replace(/^lỗi: /, 'error: ')}`),
    pick: 'Pick a dossier in the list to view and process it.',
    loading: 'Opening the dossier…',
    failed: 'Could not open the dossier',
    code: 'Dossier code',
    applicant: 'Applicant',
    idNumber: 'ID card number',
    dateOfBirth: 'Date of birth',
    address: 'Address',
    phone: 'Phone',
    procedure: 'Procedure',
    status: 'Status',
    received: 'Received',
    receivedBy: 'Received at',
    due: 'Result due',
    fee: 'Fees',
    feeValue: (paid, fee) => (paid === fee ? `${paid} (paid in full)` : `Paid ${paid} of ${fee}`),
    free: 'No fee',
    documents: 'Papers received',
    noDocuments: 'No paper was recorded.',
    copies: (n, original) => (original ? `${n} original${n === 1 ? '' : 's'}` : `${n} cop${n === 1 ? 'y' : 'ies'}`),
    missing: 'Papers to supplement',
    scan: 'Scanned papers',
    scanPages: (pages, size) => `${pages} page${pages === 1 ? '' : 's'} · ${size}`,
    openPdf: 'Open PDF',
    noScan: 'Not scanned yet',
    noScanHint: 'The counter has not sent a scan of this dossier.',
    close: 'Close',
  },
  actions: {
    title: 'Process the dossier',
    none: 'Nothing is left for the department to do in this status.',
    names: { accept: 'Accept for processing', processing: 'Resume processing', supplement: 'Request a supplement', refuse: 'Refuse', done: 'Finished', delay: 'Set a new due date' },
    hints: {
      accept: 'The department takes the dossier from the one-stop counter and starts processing.',
      processing: 'The applicant brought the missing papers: processing resumes.',
      supplement: 'Sends the supplement request (Form 02) to the applicant through the counter.',
      refuse: 'Sends the refusal (Form 03) to the applicant.',
      done: 'The result is ready: the counter hands it to the applicant.',
      delay: 'Sends the apology with a new due date (Form 04).',
    },
    note: 'Note (optional)',
    reason: 'Reason',
    reasonSupplement: 'Why a supplement is needed',
    missingTitle: 'Papers to supplement',
    missingOther: 'Other papers (one per line)',
    missingNeeded: 'Tick or write at least one paper to supplement.',
    newDue: 'New due date and time',
    confirm: 'Confirm',
    cancel: 'Cancel',
    working: 'Sending…',
    done: (action, status) => `${action}: done — the dossier is now “${status}”.`,
    failed: 'That did not work',
  },
  form05: {
    title: 'DOSSIER PROCESSING CONTROL SHEET',
    sectionTitle: 'Processing control sheet (Form 05)',
    nation: 'SOCIALIST REPUBLIC OF VIETNAM',
    motto: 'Independence – Freedom – Happiness',
    form: 'Form 05',
    code: 'Dossier code',
    applicant: 'Applicant',
    procedure: 'Procedure',
    received: 'Received',
    due: 'Result due',
    receivedAtCentre: 'Received at',
    collectAtCentre: 'Result collected at',
    columns: { index: 'No.', handOff: 'Hand-off', who: 'By', role: 'Unit', at: 'When', status: 'Status', note: 'Note', newDue: 'New due date' },
    empty: 'No step recorded yet.',
    print: 'Print control sheet',
    printedAt: (when) => `Printed ${when}`,
    counterRole: 'One-stop counter',
    handOff: (action, department) => {
      switch (action) {
        case 'receive':
          return 'The counter receives the dossier from the applicant';
        case 'accept':
          return `Counter hands over — ${department} receives`;
        case 'processing':
          return `Counter hands over the supplement — ${department} receives`;
        case 'supplement':
          return `${department} hands back — supplement requested`;
        case 'refuse':
          return `${department} hands back — refused`;
        case 'done':
          return `${department} hands over the result — counter receives`;
        case 'delay':
          return `${department} sets a new due date (Form 04)`;
        case 'return':
          return 'The counter returns the result to the applicant';
      }
    },
  },
};

export const backofficeStrings = { vi, en } as const;
