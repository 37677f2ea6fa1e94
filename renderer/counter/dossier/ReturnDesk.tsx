import { useCallback, useEffect, useState } from 'react';
import { ResultFileList } from '../../shared/ResultFileList';
import { dossierCodeFromScan } from '../../../core/dossiers/dossier-code';
import { dossierActionVi, dossierStatusVi } from '../../../core/dossiers/dossier-state';
import type { BridgeOutput, TerminalContext } from '../../../core/protocol/bridge';
import type { AppError } from '../../../core/result';
import { useBridge } from '../../bridge/use-terminal-context';
import { useStrings } from '../../i18n/strings';
import { describeError } from '../../shared/describe-error';
import { formatIsoTime } from '../../shared/format';
import { useSerialScans, useWedgeScanner } from './use-code-scans';
import { useActionIds } from '../../shared/command-id';
import { ReadyList } from './ReadyList';

type Found = BridgeOutput<'counter:dossier'>;
type Form = '02' | '03' | '04';
type Notice = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'error'; readonly title: string; readonly error: AppError } | null;

/**
 * Returning results: the receipt's QR (or the typed code) opens the dossier; what the clerk may do
 * depends on its status. `onReturned` runs after a result is handed back (the counter then
 * finishes the ticket it is serving, and the citizen rates).
 */
export function ReturnDesk({
  context,
  active,
  open,
  onReturned,
}: {
  readonly context: TerminalContext;
  readonly active: boolean;
  /** A code to open (from the dossier notices); a new object each time it is asked. */
  readonly open: { readonly code: string } | null;
  readonly onReturned: () => void;
}) {
  const strings = useStrings();
  const t = strings.counterDossier.returns;
  const bridge = useBridge();
  const ids = useActionIds();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [handedBack, setHandedBack] = useState(0);
  const timeZone = context.centre?.timeZone;
  // The waiting list reloads when a dossier event arrives (the newest one is first in the feed).
  const latest = context.dossierFeed[0];
  const readyVersion = `${latest ? `${latest.dossier.code}@${latest.dossier.updatedAt}` : ''}#${handedBack}`;
  const hereId = context.catalogue.centre?.id;

  const lookup = useCallback(
    (text: string) => {
      const parsed = dossierCodeFromScan(text);
      if (parsed === null) {
        setNotice({ kind: 'error', title: t.failed, error: { kind: 'invalid-input', message: t.notACode(text.trim()) } });
        return;
      }
      setCode(parsed);
      setBusy('lookup');
      setNotice(null);
      void bridge
        .invoke('counter:dossier', { code: parsed })
        .then((r) => {
          if (r.ok) setFound(r.value);
          else {
            setFound(null);
            setNotice({ kind: 'error', title: t.failed, error: r.error });
          }
        })
        .finally(() => setBusy(null));
    },
    [bridge, t],
  );
  useSerialScans(lookup, active);
  useWedgeScanner(lookup, active);
  useEffect(() => {
    if (open !== null) lookup(open.code);
  }, [open, lookup]);

  const dossier = found?.dossier ?? null;
  const delayed = found?.history.some((h) => h.action === 'delay') ?? false;

  const giveBack = () => {
    if (dossier === null) return;
    setBusy('return');
    setNotice(null);
    void ids
      .invoke(bridge, 'counter:return-dossier', { code: dossier.code })
      .then((r) => {
        if (!r.ok) {
          setNotice({ kind: 'error', title: t.actionFailed, error: r.error });
          return;
        }
        setFound(r.value);
        setNotice({ kind: 'ok', text: t.givenBack });
        setHandedBack((n) => n + 1);
        onReturned();
      })
      .finally(() => setBusy(null));
  };
  const print = (form: Form) => {
    if (dossier === null) return;
    setBusy(form);
    setNotice(null);
    void bridge
      .invoke('counter:print-form', { code: dossier.code, form })
      .then((r) => {
        const error = !r.ok ? r.error : r.value.printed.ok ? null : r.value.printed.error;
        setNotice(error === null ? { kind: 'ok', text: t.printedForm(form) } : { kind: 'error', title: t.printFailed(form), error });
      })
      .finally(() => setBusy(null));
  };

  return (
    <div className="cd-desk cd-return" data-testid="dossier-return">
      <form
        className="cd-lookup"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim() !== '') lookup(code);
        }}
      >
        <label className="cd-field cd-field-wide">
          <span>{t.codeLabel}</span>
          <input name="dossierCode" value={code} placeholder={t.codePlaceholder} autoComplete="off" onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="cd-btn cd-btn-primary" disabled={busy !== null || code.trim() === ''}>
          {busy === 'lookup' ? t.looking : t.lookup}
        </button>
      </form>
      {notice?.kind === 'ok' && (
        <p className="cd-msg cd-msg-ok" role="status">
          {notice.text}
        </p>
      )}
      {notice?.kind === 'error' && (
        <p className="cd-msg cd-msg-error" role="alert">
          <strong>{notice.title}:</strong> {describeError(strings, notice.error, true)}
        </p>
      )}
      {dossier === null ? (
        <>
          {notice === null && <p className="cd-note cd-empty">{t.empty}</p>}
          <ReadyList active={active} version={readyVersion} onOpen={lookup} />
        </>
      ) : (
        <section className="cd-dossier" data-testid="dossier-found" aria-label={dossier.code}>
          <div className="cd-dossier-head">
            <p className="cd-code cd-code-small">{dossier.code}</p>
            <span className={`cd-status cd-status-${dossier.status}`} data-testid="dossier-status">
              {dossierStatusVi(dossier.status)}
            </span>
            {dossier.overdue && <span className="cd-status cd-status-overdue">{t.overdue}</span>}
            {found?.sync ? (
              <span className={`cd-sync cd-sync-${found.sync.state}`} data-testid="dossier-sync" data-state={found.sync.state}>
                {t.sync(found.sync.state, found.sync.label)}
              </span>
            ) : null}
          </div>
          <dl className="cd-facts">
            <div>
              <dt>{t.procedure}</dt>
              <dd>{dossier.procedureName}</dd>
            </div>
            <div>
              <dt>{t.applicant}</dt>
              <dd>
                {dossier.applicant.fullName} · {t.idNumber} {dossier.applicant.idNumber}
              </dd>
            </div>
            <div>
              <dt>{t.due}</dt>
              <dd>{strings.counterDossier.dueDate(dossier.dueLocal)}</dd>
            </div>
            <div>
              <dt>{t.receivedAt}</dt>
              <dd data-testid="dossier-received-at">{dossier.receivedAtCentre.name}</dd>
            </div>
            <div>
              <dt>{t.collectAt}</dt>
              <dd data-testid="dossier-collect-at">{dossier.collectAtCentre.name}</dd>
            </div>
          </dl>
          {dossier.missing.length > 0 && (
            <div className="cd-missing">
              <h3>{t.missing}</h3>
              <ul>
                {dossier.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="cd-return-actions">
            {/* A refused dossier is not "returned": the citizen gets Form 03 (below) with the papers back. */}
            {dossier.status === 'done' && hereId !== undefined && dossier.collectAtCentre.id !== hereId && (
              <p className="cd-msg" role="status">
                {t.notHere(dossier.collectAtCentre.name)}
              </p>
            )}
            {dossier.status === 'done' && (hereId === undefined || dossier.collectAtCentre.id === hereId) && (
              <button type="button" className="cd-btn cd-btn-success cd-btn-big" disabled={busy !== null} onClick={giveBack}>
                {busy === 'return' ? t.givingBack : t.giveBack}
              </button>
            )}
            {dossier.status === 'supplement-requested' && (
              <button type="button" className="cd-btn cd-btn-secondary" disabled={busy !== null} onClick={() => print('02')}>
                {t.form02}
              </button>
            )}
            {dossier.status === 'refused' && (
              <button type="button" className="cd-btn cd-btn-secondary" disabled={busy !== null} onClick={() => print('03')}>
                {t.form03}
              </button>
            )}
            {delayed && (
              <button type="button" className="cd-btn cd-btn-secondary" disabled={busy !== null} onClick={() => print('04')}>
                {t.form04}
              </button>
            )}
          </div>
          <ResultFileList code={dossier.code} results={found?.results ?? []} />
          <div className="cd-history">
            <h3>{t.history}</h3>
            <ol>
              {(found?.history ?? []).map((h) => (
                <li key={`${h.at}-${h.action}`}>
                  <time dateTime={h.at}>{formatIsoTime(h.at, strings.locale, timeZone)}</time>
                  <span className="cd-history-what">
                    {h.action === 'receive' ? strings.counterDossier.tabs.receive : dossierActionVi(h.action)} → {dossierStatusVi(h.toStatus)}
                  </span>
                  <span className="cd-history-who">
                    {h.actorName}
                    {h.unit ? ` · ${h.unit.name}` : ''}
                  </span>
                  {h.note !== null && <span className="cd-history-note">{h.note}</span>}
                </li>
              ))}
            </ol>
          </div>
        </section>
      )}
    </div>
  );
}
