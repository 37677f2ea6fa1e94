import { useState } from 'react';
import type { Dossier } from '../../core/dossiers/dossier';
import type { InboxTab } from '../i18n/backoffice-strings';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { useNow } from '../shared/use-now';
import { formatInstant, formatWallTime, inTab, INBOX_TABS, lateness, newestFirst, overdueNow } from './inbox';
import type { Inbox } from './use-inbox';

interface InboxListProps {
  readonly inbox: Inbox;
  readonly openCode: string | null;
  readonly timeZone: string | undefined;
  readonly onOpen: (code: string) => void;
}

/** The department's dossiers by status, newest first; what just arrived is marked until opened. */
export function InboxList({ inbox, openCode, timeZone, onOpen }: InboxListProps) {
  const strings = useStrings();
  const b = strings.backoffice;
  const now = useNow(30_000);
  const [tab, setTab] = useState<InboxTab>('new');
  const shown = newestFirst(inbox.dossiers.filter((d) => inTab(tab, d, now)));
  const count = (t: InboxTab): number => inbox.dossiers.filter((d) => inTab(t, d, now)).length;

  return (
    <section className="bo-inbox" aria-label={b.tabsLabel} data-testid="backoffice-inbox">
      <div className="bo-tabs" role="tablist" aria-label={b.tabsLabel}>
        {INBOX_TABS.map((t) => {
          const n = count(t);
          return (
            <button
              key={t}
              type="button"
              role="tab"
              id={`bo-tab-${t}`}
              aria-selected={tab === t}
              aria-controls="bo-inbox-list"
              className={`bo-tab bo-tab-${t}${tab === t ? ' bo-tab-on' : ''}`}
              onClick={() => setTab(t)}
            >
              <span className="bo-tab-name">{b.tabs[t]}</span>
              <span className={`bo-tab-count${t === 'overdue' && n > 0 ? ' bo-tab-count-alert' : ''}`} data-testid={`backoffice-count-${t}`}>
                {n}
              </span>
            </button>
          );
        })}
      </div>
      <div className="bo-list" id="bo-inbox-list" role="tabpanel" aria-labelledby={`bo-tab-${tab}`}>
        {inbox.error !== null && (
          <div className="bo-message bo-message-error" role="alert">
            <strong>{b.loadFailed}:</strong> {describeError(strings, inbox.error, true)}{' '}
            <button type="button" className="bo-btn bo-btn-ghost bo-btn-small" onClick={inbox.reload}>
              {b.retry}
            </button>
          </div>
        )}
        {inbox.loading && inbox.dossiers.length === 0 ? (
          <p className="bo-empty">{b.loading}</p>
        ) : shown.length === 0 ? (
          <p className="bo-empty">{b.empty}</p>
        ) : (
          <ul>
            {shown.map((d) => (
              <li key={d.code}>
                <DossierRow dossier={d} now={now} timeZone={timeZone} open={d.code === openCode} unread={inbox.unread.has(d.code)} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function DossierRow({ dossier: d, now, timeZone, open, unread, onOpen }: { readonly dossier: Dossier; readonly now: Date; readonly timeZone: string | undefined; readonly open: boolean; readonly unread: boolean; readonly onOpen: (code: string) => void }) {
  const b = useStrings().backoffice;
  const overdue = overdueNow(d, now);
  const late = lateness(d.dueAt, now);
  const classes = ['bo-row', `bo-row-${d.status}`, open ? 'bo-row-open' : '', unread ? 'bo-row-unread' : '', overdue ? 'bo-row-overdue' : ''].filter(Boolean).join(' ');
  return (
    <button type="button" className={classes} aria-current={open ? 'true' : undefined} data-code={d.code} data-testid="backoffice-row" onClick={() => onOpen(d.code)}>
      <span className="bo-row-top">
        <span className="bo-row-code">{d.code}</span>
        {unread && <span className="bo-badge bo-badge-new">{b.newBadge}</span>}
        <span className={`bo-status bo-status-${d.status}`}>{b.status(d.status)}</span>
      </span>
      <span className="bo-row-name">{d.applicant.fullName}</span>
      <span className="bo-row-procedure">{d.procedureName}</span>
      <span className="bo-row-dates">
        <span>{b.receivedAt(formatInstant(d.receivedAt, timeZone))}</span>
        {overdue ? (
          <span className="bo-late" data-testid="backoffice-overdue">
            {b.overdueBy(b.late(late.days, late.hours, late.minutes))}
          </span>
        ) : (
          <span>{b.dueAt(formatWallTime(d.dueLocal))}</span>
        )}
      </span>
    </button>
  );
}
