import { zonedFormatter } from '../../core/calendar/zoned-format';
import type { Dossier } from '../../core/dossiers/dossier';
import { dossierTransition, isOverdue, type DossierStatus } from '../../core/dossiers/dossier-state';
import type { BackofficeAction, InboxTab } from '../i18n/backoffice-strings';

/** The inbox tabs in the order they are shown; "new" first, it is where the day's work arrives. */
export const INBOX_TABS: readonly InboxTab[] = ['new', 'processing', 'supplement', 'overdue', 'done', 'refused', 'all'];

const TAB_STATUSES: Readonly<Record<Exclude<InboxTab, 'overdue' | 'all'>, readonly DossierStatus[]>> = {
  new: ['received'],
  processing: ['processing'],
  supplement: ['supplement-requested'],
  done: ['done', 'returned'],
  refused: ['refused'],
};

/** Overdue now (the hub's flag was computed when it answered; the clock has moved on since). */
export function overdueNow(d: Dossier, now: Date): boolean {
  return isOverdue(d.status, new Date(d.dueAt), now);
}

export function inTab(tab: InboxTab, d: Dossier, now: Date): boolean {
  if (tab === 'all') return true;
  if (tab === 'overdue') return overdueNow(d, now);
  return TAB_STATUSES[tab].includes(d.status);
}

/** Newest first: the dossier received last is on top. */
export function newestFirst(dossiers: readonly Dossier[]): Dossier[] {
  return [...dossiers].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.code.localeCompare(a.code));
}

/** The list with `d` in it (replacing an older copy of the same dossier; a stale copy does not win). */
export function upsertDossier(list: readonly Dossier[], d: Dossier): Dossier[] {
  const i = list.findIndex((x) => x.code === d.code);
  if (i < 0) return [d, ...list];
  if (list[i]!.updatedAt > d.updatedAt) return [...list];
  return list.map((x, j) => (j === i ? d : x));
}

/**
 * The hub's answer to a list request, plus what we heard since we asked: a dossier that an
 * event brought in after the hub read its list (or a newer copy of one) is kept.
 */
export function mergeFetched(fetched: readonly Dossier[], local: readonly Dossier[]): Dossier[] {
  let merged: Dossier[] = [...fetched];
  for (const d of local) {
    const there = merged.find((x) => x.code === d.code);
    if (there === undefined || there.updatedAt < d.updatedAt) merged = upsertDossier(merged, d);
  }
  return merged;
}

/** How far past due, in whole days, hours and minutes. */
export function lateness(dueAt: string, now: Date): { readonly days: number; readonly hours: number; readonly minutes: number } {
  const totalMinutes = Math.max(0, Math.floor((now.getTime() - new Date(dueAt).getTime()) / 60_000));
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

const BACKOFFICE_ACTIONS: readonly BackofficeAction[] = ['accept', 'processing', 'supplement', 'done', 'delay', 'refuse'];

/** What the department may do from `status` (core/dossiers/dossier-state is the rule book). */
export function actionsFrom(status: DossierStatus): BackofficeAction[] {
  return BACKOFFICE_ACTIONS.filter((a) => dossierTransition(status, a).ok);
}

/** "2025-05-15T17:00" (Vietnamese wall time) → "17:00 15/05/2025". */
export function formatWallTime(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  return m === null ? local : `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}`;
}

/** An instant in the centre's zone as "14:05 12/05/2025". */
export function formatInstant(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = zonedFormatter('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

/** "YYYY-MM-DD" → "DD/MM/YYYY". */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m === null ? day : `${m[3]}/${m[2]}/${m[1]}`;
}

/** VND as people write it: "50.000 đ". */
export function formatVnd(amount: number): string {
  return `${amount.toLocaleString('vi-VN')} đ`;
}

/** A PDF's size: "240 KB", "1,2 MB". */
export function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** The path the agent serves a dossier's scanned PDF at (main/agent/bridge-server.ts, kind "dossier-pdf"). */
export function dossierPdfPath(code: string): string {
  return `/files/dossier-pdf/${encodeURIComponent(code)}`;
}
