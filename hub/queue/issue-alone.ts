import type { NumberedService } from '../../core/queue/numbering';
import type { PriorityClass } from '../../core/queue/types';
import type { IssueAnswerInputs } from './issue-answer';

/** A walk-in's ticket to issue in one statement, its answer logged with it. */
export interface IssueAloneRequest {
  readonly day: string;
  readonly service: NumberedService;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly priority: PriorityClass;
  /** How many recent durations the estimate takes (ESTIMATE_SAMPLE). */
  readonly sample: number;
  /** The counters of the configuration serving the service (stored with the answer's inputs). */
  readonly servingCounters: readonly string[];
  /** The ticket's public token (its SHA-256) and the link it makes, when the centre has a public address. */
  readonly tracking?: { readonly tokenHash: string; readonly url: string };
  readonly commandId: string;
  readonly deviceId: string;
}

export interface IssuedAlone {
  /** What the answer is made of (hub/queue/issue-answer.ts), as logged. */
  readonly inputs: IssueAnswerInputs;
  /** The seq of its `ticket-issued` event. */
  readonly seq: number;
}

/**
 * `ticket:issue` as ONE autocommit statement (PostgreSQL: hub/store/pg/pg-issue-alone.ts): the
 * ticket, its event, its token and its logged answer, committed together. Null: nothing was
 * written and the command must run the transactional way — the state the process judged the
 * number from no longer holds (another process issued or leased for the service), it knows none
 * yet, or core's rule refused (a refusal is the transactional path's to decide and log).
 */
export interface IssueAlone {
  issue(request: IssueAloneRequest): Promise<IssuedAlone | null>;
}
