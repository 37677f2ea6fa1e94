/**
 * The words of the counter's dossier screens (receive, return, notices): kept apart from vi.ts so
 * the feature reads in one place; vi.ts and en.ts each take their half under `counterDossier`.
 */
const WEEKDAYS_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

const vi = {
  tabs: { label: 'Công việc tại quầy', queue: 'Gọi số', receive: 'Tiếp nhận hồ sơ', returns: 'Trả kết quả' },
  search: {
    label: 'Tìm thủ tục',
    placeholder: 'Gõ tên thủ tục, có dấu hoặc không dấu, ví dụ “dang ky khai sinh”',
    none: (q: string): string => `Không tìm thấy thủ tục nào cho “${q}”.`,
    change: 'Chọn thủ tục khác',
    results: 'Thủ tục tìm thấy',
    nationalCode: (code: string): string => `mã TTHC ${code}`,
  },
  procedure: {
    processing: 'Thời hạn giải quyết',
    sameDay: 'Trả trong ngày',
    workingDays: (n: number): string => `${n} ngày làm việc`,
    workingHours: (n: number): string => `${n} giờ làm việc`,
    fee: 'Phí, lệ phí',
    free: 'Miễn phí',
  },
  checklist: {
    title: 'Thành phần hồ sơ',
    received: (done: number, total: number): string => `Đã nhận ${done}/${total}`,
    copies: 'Số bản',
    original: 'Bản chính',
    copy: 'Bản sao',
  },
  applicant: {
    title: 'Người nộp hồ sơ',
    scanHint: 'Quét mã QR trên thẻ CCCD để điền tự động',
    fullName: 'Họ và tên',
    idNumber: 'Số CCCD',
    dateOfBirth: 'Ngày sinh',
    dateOfBirthPlaceholder: 'dd/mm/yyyy',
    address: 'Địa chỉ',
    phone: 'Điện thoại',
    badDate: 'ngày sinh dạng dd/mm/yyyy, ví dụ 05/03/1990',
    filled: (name: string): string => `Đã điền thông tin từ thẻ CCCD của ${name}.`,
    cccdFailed: 'Không đọc được thẻ CCCD',
  },
  scanner: {
    title: 'Quét giấy tờ',
    scanOne: 'Quét trang',
    scanMany: (n: number): string => `Quét ${n} trang`,
    pagesToScan: 'Số trang trong khay',
    scanning: (page: number, percent: number): string => `Đang quét trang ${page}… ${Math.round(percent)}%`,
    page: (n: number): string => `Trang ${n}`,
    none: 'Chưa quét trang nào.',
    rescan: 'Quét lại',
    remove: 'Xoá',
    left: 'Chuyển sang trái',
    right: 'Chuyển sang phải',
    clear: 'Xoá hết',
    failed: 'Máy quét báo lỗi',
  },
  fee: { label: 'Phí, lệ phí đã thu (đồng)', vnd: (n: number): string => `${n.toLocaleString('vi-VN')} đ` },
  notify: {
    title: 'Thông báo cho công dân',
    phone: 'Số di động nhận thông báo',
    consent: 'Đồng ý nhận thông báo về hồ sơ qua Zalo/SMS',
    hint: 'Chỉ gửi khi công dân đồng ý: hồ sơ đã tiếp nhận, cần bổ sung, đã có kết quả. Không bao giờ gửi số CCCD.',
    needConsent: 'Công dân chưa đồng ý: bỏ trống số này, hoặc đánh dấu đồng ý.',
    needPhone: 'Nhập số di động để gửi thông báo (ví dụ 0912 345 678).',
  },
  receive: {
    submit: 'Tiếp nhận',
    sending: 'Đang tiếp nhận…',
    pickFirst: 'Chọn thủ tục trước',
    fixFirst: 'Kiểm tra lại thông tin người nộp',
    failed: 'Chưa tiếp nhận được',
    forTicket: (n: number): string => `Hồ sơ của số ${n} đang phục vụ`,
  },
  result: {
    title: 'Đã tiếp nhận hồ sơ',
    code: 'Mã hồ sơ',
    due: 'Hẹn trả kết quả',
    printed: 'Đã in Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01).',
    printFailed: 'Chưa in được Giấy tiếp nhận (Mẫu 01)',
    reprint: 'In lại',
    reprinting: 'Đang in…',
    undelivered: 'Chưa gửi được lên máy chủ — sẽ tự gửi',
    next: 'Tiếp nhận hồ sơ mới',
  },
  outbox: {
    pending: (n: number): string => `${n} hồ sơ chờ gửi lên máy chủ`,
    codesLeft: (n: number): string => `còn ${n} mã hồ sơ dự phòng`,
  },
  dueDate: (dueLocal: string): string => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(dueLocal);
    if (!m) return dueLocal;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const weekday = WEEKDAYS_VI[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]!;
    return `${Number(m[4])} giờ ${m[5]}, ${weekday}, ${pad(d)}/${pad(mo)}/${y}`;
  },
  returns: {
    codeLabel: 'Mã hồ sơ',
    codePlaceholder: 'Quét mã QR trên giấy hẹn hoặc gõ mã, ví dụ HK-261120-0007',
    lookup: 'Tra cứu',
    looking: 'Đang tra cứu…',
    notACode: (text: string): string => `Không thấy mã hồ sơ trong “${text}”.`,
    failed: 'Không tra cứu được',
    status: 'Trạng thái',
    applicant: 'Người nộp',
    idNumber: 'CCCD',
    procedure: 'Thủ tục',
    due: 'Hẹn trả',
    overdue: 'Quá hạn',
    /** The national portal's sync, as the hub words it ("đã đồng bộ", "chờ đồng bộ", "lỗi: …"). */
    sync: ((_state: 'synced' | 'pending' | 'error', label: string): string => `Cổng DVC quốc gia: ${label}`) as (state: 'synced' | 'pending' | 'error', label: string) => string,
    missing: 'Giấy tờ cần bổ sung',
    history: 'Quá trình giải quyết',
    giveBack: 'Trả kết quả',
    givingBack: 'Đang trả kết quả…',
    givenBack: 'Đã trả kết quả cho người nộp.',
    form02: 'In phiếu yêu cầu bổ sung (Mẫu 02)',
    form03: 'In thông báo từ chối (Mẫu 03)',
    form04: 'In phiếu xin lỗi hẹn lại (Mẫu 04)',
    printedForm: (form: string): string => `Đã in Mẫu ${form}.`,
    printFailed: (form: string): string => `Chưa in được Mẫu ${form}`,
    actionFailed: 'Chưa thực hiện được',
    empty: 'Quét mã QR trên giấy hẹn trả kết quả, hoặc gõ mã hồ sơ.',
  },
  feed: {
    title: 'Thông báo hồ sơ',
    none: 'Chưa có thông báo.',
    open: (code: string): string => `Mở hồ sơ ${code}`,
  },
  scanNotice: 'Mã vừa quét',
};

export type CounterDossierStrings = typeof vi;

const en: CounterDossierStrings = {
  tabs: { label: 'Counter work', queue: 'Queue', receive: 'Receive dossier', returns: 'Return results' },
  search: {
    label: 'Find a procedure',
    placeholder: 'Type the procedure’s name, with or without diacritics, e.g. “dang ky khai sinh”',
    none: (q) => `No procedure found for “${q}”.`,
    change: 'Choose another procedure',
    results: 'Procedures found',
    nationalCode: (code) => `national code ${code}`,
  },
  procedure: {
    processing: 'Processing time',
    sameDay: 'Same day',
    workingDays: (n) => `${n} working days`,
    workingHours: (n) => `${n} working hours`,
    fee: 'Fee',
    free: 'Free',
  },
  checklist: {
    title: 'Documents',
    received: (done, total) => `Received ${done}/${total}`,
    copies: 'Copies',
    original: 'Original',
    copy: 'Copy',
  },
  applicant: {
    title: 'Applicant',
    scanHint: 'Scan the QR code on the ID card (CCCD) to fill this in',
    fullName: 'Full name',
    idNumber: 'ID number (CCCD)',
    dateOfBirth: 'Date of birth',
    dateOfBirthPlaceholder: 'dd/mm/yyyy',
    address: 'Address',
    phone: 'Phone',
    badDate: 'date of birth as dd/mm/yyyy, e.g. 05/03/1990',
    filled: (name) => `Filled in from the ID card of ${name}.`,
    cccdFailed: 'The ID card could not be read',
  },
  scanner: {
    title: 'Scan the papers',
    scanOne: 'Scan a page',
    scanMany: (n) => `Scan ${n} pages`,
    pagesToScan: 'Pages in the feeder',
    scanning: (page, percent) => `Scanning page ${page}… ${Math.round(percent)}%`,
    page: (n) => `Page ${n}`,
    none: 'No page scanned yet.',
    rescan: 'Rescan',
    remove: 'Delete',
    left: 'Move left',
    right: 'Move right',
    clear: 'Delete all',
    failed: 'The scanner reports a problem',
  },
  fee: { label: 'Fee collected (VND)', vnd: (n) => `${n.toLocaleString('en-GB')} VND` },
  notify: {
    title: 'Notifying the citizen',
    phone: 'Mobile number for notifications',
    consent: 'Agrees to receive notices about the dossier by Zalo/SMS',
    hint: 'Sent only with consent: received, supplement needed, result ready. Never an ID number.',
    needConsent: 'The citizen has not agreed: leave this number empty, or tick the consent.',
    needPhone: 'Enter a mobile number to send notices to (e.g. 0912 345 678).',
  },
  receive: {
    submit: 'Receive',
    sending: 'Receiving…',
    pickFirst: 'Choose a procedure first',
    fixFirst: 'Check the applicant’s details',
    failed: 'Not received',
    forTicket: (n) => `Dossier of number ${n}, being served`,
  },
  result: {
    title: 'Dossier received',
    code: 'Dossier code',
    due: 'Results due',
    printed: 'The receipt and appointment (Form 01) was printed.',
    printFailed: 'The receipt (Form 01) did not print',
    reprint: 'Print again',
    reprinting: 'Printing…',
    undelivered: 'Not sent to the server yet — it will be sent automatically',
    next: 'Receive a new dossier',
  },
  outbox: {
    pending: (n) => `${n} dossiers waiting to be sent to the server`,
    codesLeft: (n) => `${n} spare dossier codes left`,
  },
  dueDate: (dueLocal) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(dueLocal);
    if (!m) return dueLocal;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const weekday = WEEKDAYS_EN[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]!;
    return `${m[4]}:${m[5]}, ${weekday} ${pad(d)}/${pad(mo)}/${y}`;
  },
  returns: {
    codeLabel: 'Dossier code',
    codePlaceholder: 'Scan the QR code on the receipt or type the code, e.g. HK-261120-0007',
    lookup: 'Look up',
    looking: 'Looking up…',
    notACode: (text) => `No dossier code in “${text}”.`,
    failed: 'Could not look it up',
    status: 'Status',
    applicant: 'Applicant',
    idNumber: 'ID',
    procedure: 'Procedure',
    due: 'Due',
    overdue: 'Overdue',
    sync: (state, label) => (state === 'synced' ? 'National portal: synced' : state === 'pending' ? 'National portal: waiting to sync' : `National portal: ${label.replace(/^lỗi: /, 'error: ')}`),
    missing: 'Papers to bring',
    history: 'Processing history',
    giveBack: 'Return the result',
    givingBack: 'Returning…',
    givenBack: 'The result was handed to the applicant.',
    form02: 'Print the supplement request (Form 02)',
    form03: 'Print the refusal (Form 03)',
    form04: 'Print the apology and new date (Form 04)',
    printedForm: (form) => `Form ${form} printed.`,
    printFailed: (form) => `Form ${form} did not print`,
    actionFailed: 'Not done',
    empty: 'Scan the QR code on the receipt, or type the dossier code.',
  },
  feed: {
    title: 'Dossier notices',
    none: 'No notices yet.',
    open: (code) => `Open dossier ${code}`,
  },
  scanNotice: 'Scanned code',
};

export const counterDossierStrings = { vi, en } as const;
