import { err, ok, type Result } from '../result';

export const DOSSIER_STATUSES = ['received', 'processing', 'supplement-requested', 'done', 'returned', 'refused'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** What a back-office officer (or, for `return`, the counter clerk) does to a dossier. */
export const DOSSIER_ACTIONS = ['accept', 'processing', 'supplement', 'refuse', 'done', 'delay', 'return'] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** Who may take each action: the back office decides, the counter hands the result back. */
export const ACTION_ROLE: Readonly<Record<DossierAction, 'backoffice' | 'counter'>> = {
  accept: 'backoffice',
  processing: 'backoffice',
  supplement: 'backoffice',
  refuse: 'backoffice',
  done: 'backoffice',
  delay: 'backoffice',
  return: 'counter',
};

/**
 * The dossier life cycle (Decree 61/2018): received at the counter → processing in the
 * department → (supplement-requested ⇄ processing: Form 02) → done → returned to the citizen at
 * the counter; refused (Form 03) from any open state. `delay` (Form 04: apology and new date)
 * keeps the status and moves the due date. `null` as target: the status stays.
 */
const TRANSITIONS: Readonly<Record<DossierAction, { readonly from: readonly DossierStatus[]; readonly to: DossierStatus | null }>> = {
  /** The department takes the dossier the counter sent. */
  accept: { from: ['received'], to: 'processing' },
  /** The supplement arrived: processing resumes. */
  processing: { from: ['supplement-requested'], to: 'processing' },
  supplement: { from: ['processing'], to: 'supplement-requested' },
  refuse: { from: ['received', 'processing', 'supplement-requested'], to: 'refused' },
  done: { from: ['processing'], to: 'done' },
  delay: { from: ['received', 'processing', 'supplement-requested'], to: null },
  return: { from: ['done'], to: 'returned' },
};

const STATUS_NAMES_VI: Readonly<Record<DossierStatus, string>> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  'supplement-requested': 'Cần bổ sung hồ sơ',
  done: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối giải quyết',
};

const ACTION_NAMES_VI: Readonly<Record<DossierAction, string>> = {
  accept: 'tiếp nhận xử lý',
  processing: 'tiếp tục giải quyết',
  supplement: 'yêu cầu bổ sung',
  refuse: 'từ chối',
  done: 'hoàn thành',
  delay: 'hẹn lại ngày trả',
  return: 'trả kết quả',
};

export function dossierStatusVi(status: DossierStatus): string {
  return STATUS_NAMES_VI[status];
}

export function dossierActionVi(action: DossierAction): string {
  return ACTION_NAMES_VI[action];
}

/** The status after `action`, or a conflict naming the current status and the action. */
export function dossierTransition(status: DossierStatus, action: DossierAction): Result<DossierStatus> {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return err('conflict', `Không thể ${dossierActionVi(action)} hồ sơ đang ở trạng thái "${dossierStatusVi(status)}".`);
  }
  return ok(rule.to ?? status);
}

/** Still being worked on: the due date applies. */
export function isOpenStatus(status: DossierStatus): boolean {
  return status === 'received' || status === 'processing' || status === 'supplement-requested';
}

/**
 * Overdue (quá hạn): still open and the due instant has passed. A dossier waiting for the
 * citizen's supplement counts too: the department must issue Form 04 (delay) with a new date.
 */
export function isOverdue(status: DossierStatus, dueAt: Date, now: Date): boolean {
  return isOpenStatus(status) && now.getTime() > dueAt.getTime();
}
