import { err, ok, type Result } from '../result';
import type { TicketState } from './types';

export type TicketAction = 'call' | 'recall' | 'start' | 'complete' | 'no-show' | 'cancel' | 'transfer';

/**
 * The ticket life cycle: waiting → called → serving → done | no-show; a called ticket may be
 * recalled, a called or serving one transferred (back to waiting elsewhere), a waiting one cancelled.
 */
const TRANSITIONS: Readonly<Record<TicketAction, { readonly from: readonly TicketState[]; readonly to: TicketState }>> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  complete: { from: ['serving'], to: 'done' },
  'no-show': { from: ['called'], to: 'no-show' },
  cancel: { from: ['waiting'], to: 'cancelled' },
  /** To another service or counter, keeping the number: the ticket queues again there. */
  transfer: { from: ['called', 'serving'], to: 'waiting' },
};

const STATE_NAMES_VI: Readonly<Record<TicketState, string>> = {
  waiting: 'đang chờ',
  called: 'đã gọi',
  serving: 'đang phục vụ',
  done: 'đã hoàn thành',
  'no-show': 'vắng mặt',
  cancelled: 'đã huỷ',
};

export function stateNameVi(state: TicketState): string {
  return STATE_NAMES_VI[state];
}

export function transition(state: TicketState, action: TicketAction): Result<TicketState> {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state)) {
    return err('conflict', `Không thể chuyển vé ${stateNameVi(state)} sang "${rule.to}" (thao tác ${action}).`);
  }
  return ok(rule.to);
}

/** A clerk may mark a called citizen absent only after calling them again this many times. */
export function mayMarkNoShow(recalls: number, noShowAfterRecalls: number): boolean {
  return recalls >= noShowAfterRecalls;
}

/** States in which a ticket occupies its counter. */
export function isActiveAtCounter(state: TicketState): boolean {
  return state === 'called' || state === 'serving';
}
