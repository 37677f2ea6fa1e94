import { randomUUID } from 'node:crypto';
import type { Department, Procedure } from '../../core/dossiers/catalogue';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { parseDossierCode } from '../../core/dossiers/dossier-code';
import { toDvcqgDossier, toDvcqgProgress, type DvcqgDossierContext } from '../../core/integrations/dvcqg-dossier-mapping';
import type { DvcqgDossier, DvcqgProgress } from '../../core/integrations/dvcqg-records';
import { compileDossierCodePattern, makeNationalDossierCode, parseNationalDossierCode, type DossierCodePattern } from '../../core/integrations/national-dossier-code';
import { PORTAL_TARGET, webhookTarget, type WebhookEventType } from '../../core/integrations/outbound-events';
import type { Ticket } from '../../core/queue/types';
import type { Rating } from '../../core/protocol/rating-commands';
import type { Async } from '../store/async-of';
import type { OutboxRepository } from './outbox-repository';
import type { HubIntegrations, PortalSettings } from './outbox-settings';
import { newWebhookMessageId } from './webhook-sender';

/** What a portal row asks the worker to do. */
export type PortalPayload =
  | { readonly kind: 'upsert'; readonly dossier: DvcqgDossier; readonly steps: readonly DvcqgProgress[] }
  | { readonly kind: 'progress'; readonly steps: readonly DvcqgProgress[] };

/** What a webhook row carries: the thin body's `data` (ids, statuses, times; no personal data). */
export interface WebhookPayload {
  readonly data: Readonly<Record<string, unknown>>;
}

export interface OutboxRecorderOptions {
  readonly repo: Async<OutboxRepository>;
  readonly integrations: HubIntegrations;
  readonly departments: readonly Department[];
  readonly procedures: readonly Pick<Procedure, 'code' | 'nationalCode'>[];
}

/**
 * Turns the hub's events into outbox rows, inside the transaction of the command that caused
 * them: one per subscribed webhook and, for dossiers, one for the national portal. Payloads are
 * built now, from the state the command committed, so a retry a day later sends what happened.
 */
export class OutboxRecorder {
  readonly #pattern: DossierCodePattern | null;

  constructor(private readonly options: OutboxRecorderOptions) {
    const portal = options.integrations.nationalPortal;
    if (portal) {
      const compiled = compileDossierCodePattern(portal.dossierCodePattern);
      // The config schema already checked the pattern: a refusal here is a programming error.
      if (!compiled.ok) throw new Error(`nationalPortal.dossierCodePattern: ${compiled.error.message}`);
      this.#pattern = compiled.value;
    } else this.#pattern = null;
  }

  get hasTargets(): boolean {
    return this.options.integrations.nationalPortal !== undefined || this.options.integrations.webhooks.subscriptions.length > 0;
  }

  async dossierReceived(at: string, dossier: Dossier, history: readonly DossierHistoryEntry[]): Promise<void> {
    const eventId = newWebhookMessageId();
    await this.#webhooks(eventId, 'dossier.received', dossier.code, at, {
      code: dossier.code,
      procedureCode: dossier.procedureCode,
      departmentId: dossier.departmentId,
      status: dossier.status,
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt,
      receivedAtCentre: dossier.receivedAtCentre,
      collectAtCentre: dossier.collectAtCentre,
    });
    const portal = this.#portalContext(dossier);
    if (portal) {
      const payload: PortalPayload = { kind: 'upsert', dossier: toDvcqgDossier(dossier, portal), steps: history.map((h) => toDvcqgProgress(h, portal)) };
      await this.#portal(dossier.code, 'DongBoHoSoMC', at, payload);
    }
  }

  async dossierChanged(at: string, dossier: Dossier, entry: DossierHistoryEntry): Promise<void> {
    await this.#webhooks(newWebhookMessageId(), 'dossier.status_changed', dossier.code, at, {
      code: dossier.code,
      action: entry.action,
      previousStatus: entry.fromStatus,
      status: dossier.status,
      dueAt: dossier.dueAt,
      at: entry.at,
      // Where the result is collected, and the unit that acted (issue 13; additive fields).
      collectAtCentre: dossier.collectAtCentre,
      unit: entry.unit,
    });
    const portal = this.#portalContext(dossier);
    if (portal) await this.#portal(dossier.code, 'CapNhatTienDoHoSoMC', at, { kind: 'progress', steps: [toDvcqgProgress(entry, portal)] } satisfies PortalPayload);
  }

  /** Once per dossier and due date: a delay (new date) that passes again is a new event. */
  async dossierOverdue(at: string, dossier: { readonly code: string; readonly dueAt: string; readonly status: string; readonly departmentId: string }): Promise<void> {
    const eventId = `msg_overdue_${dossier.code}_${dossier.dueAt.replace(/[^0-9]/g, '')}`;
    if (await this.options.repo.hasEvent(eventId)) return;
    await this.#webhooks(eventId, 'dossier.overdue', dossier.code, at, { code: dossier.code, departmentId: dossier.departmentId, status: dossier.status, dueAt: dossier.dueAt });
  }

  get wantsOverdue(): boolean {
    return this.options.integrations.webhooks.subscriptions.some((s) => s.events.includes('dossier.overdue'));
  }

  /** The "ticket.called" webhooks; how many deliveries were written (0: no subscription wants it). */
  async ticketCalled(at: string, ticket: Ticket): Promise<number> {
    return this.#webhooks(newWebhookMessageId(), 'ticket.called', `ticket:${ticket.id}`, at, {
      ticketId: ticket.id,
      number: ticket.number,
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      day: ticket.day,
      calledAt: ticket.calledAt,
    });
  }

  /** The "rating.given" webhooks; how many deliveries were written. */
  async ratingGiven(at: string, rating: Rating): Promise<number> {
    // The citizen's comment stays at the centre: a thin payload carries the level only.
    return this.#webhooks(newWebhookMessageId(), 'rating.given', `ticket:${rating.ticketId}`, at, {
      ticketId: rating.ticketId,
      rating: rating.rating,
      serviceId: rating.serviceId,
      counterId: rating.counterId,
      clerkId: rating.clerkId,
      ratedAt: rating.ratedAt,
    });
  }

  async #webhooks(eventId: string, type: WebhookEventType, subject: string, at: string, data: Record<string, unknown>): Promise<number> {
    let written = 0;
    for (const sub of this.options.integrations.webhooks.subscriptions) {
      if (!sub.events.includes(type)) continue;
      const disabled = (await this.options.repo.disabledReason(sub.id)) !== null;
      await this.options.repo.enqueue({ target: webhookTarget(sub.id), eventId, eventType: type, subject, payload: { data } satisfies WebhookPayload, createdAt: at, state: disabled ? 'disabled' : 'pending' });
      written += 1;
    }
    return written;
  }

  async #portal(subject: string, eventType: string, at: string, payload: PortalPayload): Promise<void> {
    await this.options.repo.enqueue({ target: PORTAL_TARGET, eventId: `dvcqg_${randomUUID().replace(/-/g, '')}`, eventType, subject, payload, createdAt: at });
  }

  #portalContext(dossier: Dossier): DvcqgDossierContext | null {
    const portal = this.options.integrations.nationalPortal;
    if (!portal || !this.#pattern) return null;
    return {
      maHoSo: nationalCodeOf(dossier, portal, this.#pattern),
      maTTHC: nationalProcedureCodeOf(dossier.procedureCode, this.options.procedures, portal.procedureCodes),
      departmentName: this.options.departments.find((d) => d.id === dossier.departmentId)?.name ?? dossier.departmentId,
      statusTable: portal.statusTable,
    };
  }
}

/** The dossier's code in the national form: itself when it already is one, else built from its day and sequence. */
export function nationalCodeOf(dossier: Pick<Dossier, 'code'>, portal: Pick<PortalSettings, 'madonvi'>, pattern: DossierCodePattern): string {
  if (parseNationalDossierCode(pattern, dossier.code)) return dossier.code;
  const short = parseDossierCode(dossier.code);
  if (!short) return dossier.code;
  // The short code's own day (YYMMDD): a code leased before midnight keeps its day.
  const date = { year: 2000 + Number(short.day.slice(0, 2)), month: Number(short.day.slice(2, 4)), day: Number(short.day.slice(4, 6)) };
  return makeNationalDossierCode(pattern, portal.madonvi, date, short.sequence);
}

/**
 * A procedure's mã TTHC: the catalogue's `nationalCode`; else the older
 * `nationalPortal.procedureCodes` map (kept as an alias); else the centre's own code.
 */
export function nationalProcedureCodeOf(code: string, procedures: readonly Pick<Procedure, 'code' | 'nationalCode'>[], aliases: Readonly<Record<string, string>>): string {
  return procedures.find((p) => p.code === code)?.nationalCode ?? aliases[code] ?? code;
}
