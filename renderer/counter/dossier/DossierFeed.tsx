import type { DossierEvent } from '../../../core/dossiers/dossier';
import { dossierStatusVi } from '../../../core/dossiers/dossier-state';
import { useStrings } from '../../i18n/strings';

/** What the counter needs to hear of: the citizen must bring more, the result is ready, or it was refused. */
const NOTICE_ACTIONS: ReadonlySet<DossierEvent['action']> = new Set(['supplement', 'done', 'refuse']);
const MAX_NOTICES = 5;

export function dossierNotices(feed: readonly DossierEvent[]): DossierEvent[] {
  return feed.filter((e) => e.kind === 'changed' && NOTICE_ACTIONS.has(e.action)).slice(0, MAX_NOTICES);
}

/** "Thông báo hồ sơ": a short list; tapping a line opens that dossier for returning. */
export function DossierFeed({ feed, onOpen }: { readonly feed: readonly DossierEvent[]; readonly onOpen: (code: string) => void }) {
  const t = useStrings().counterDossier.feed;
  const notices = dossierNotices(feed);
  return (
    <section className="cd-feed" aria-labelledby="cd-feed-title" data-testid="dossier-feed">
      <h2 id="cd-feed-title">{t.title}</h2>
      {notices.length === 0 ? (
        <p className="cd-note">{t.none}</p>
      ) : (
        <ul>
          {notices.map((e) => (
            <li key={`${e.dossier.code}-${e.dossier.updatedAt}`}>
              <button type="button" className={`cd-feed-item cd-status-${e.dossier.status}`} aria-label={t.open(e.dossier.code)} onClick={() => onOpen(e.dossier.code)}>
                <span className="cd-feed-code">{e.dossier.code}</span>
                <span className="cd-feed-status">{dossierStatusVi(e.dossier.status)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
