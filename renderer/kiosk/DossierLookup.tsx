import { useCallback, useRef, useState } from 'react';
import { dossierCodeFromScan } from '../../core/dossiers/dossier-code';
import type { DossierPublicView } from '../../core/dossiers/dossier';
import type { AppError } from '../../core/result';
import { addRoleStrings, roleStrings, useStrings } from '../i18n/strings';
import { kioskLookupStrings } from '../i18n/kiosk-lookup-strings';
import { describeError } from '../shared/describe-error';
import './dossier-lookup.css';
import { KioskEntryForm, useKioskScan, type KioskEntryScreenProps } from './KioskEntryForm';
import { OnScreenKeyboard } from './OnScreenKeyboard';

// The lookup's words come with its chunk, not with the kiosk's first screen (budget: bench/role-bundles.ts).
addRoleStrings(roleStrings({ vi: { kioskLookup: kioskLookupStrings.vi }, en: { kioskLookup: kioskLookupStrings.en } }));

type LookupPhase =
  | { readonly kind: 'entry'; readonly refused: AppError | null }
  | { readonly kind: 'looking' }
  | { readonly kind: 'found'; readonly dossier: DossierPublicView };

/** Long enough for a receipt QR's `MOTCUA:HS:` or a lookup URL typed by a keyboard-wedge scanner. */
const MAX_TYPED = 200;

/**
 * What a keyboard or keyboard-wedge scanner may type: capitals, spaces dropped — except a
 * receipt's status link (`…/hs/<token>`), whose token is case-sensitive: from `/hs/` on, kept as typed.
 */
const cleaned = (text: string): string => {
  const t = text.replace(/\s+/g, '').slice(0, MAX_TYPED);
  return /\/hs\//i.test(t) ? t : t.toUpperCase();
};

/**
 * The code to ask for: a scanned QR or a code with its dashes, else letters and digits typed without
 * dashes — a code always ends in 10 digits (YYMMDD + the day's number), so "HK2611200007" is
 * "HK-261120-0007" whatever its prefix.
 */
export function lookupCodeOf(typed: string): string {
  const scanned = dossierCodeFromScan(typed);
  if (scanned !== null) return scanned;
  const bare = typed.replace(/-/g, '');
  const m = /^([A-Z0-9]{2,6})(\d{6})(\d{4})$/.exec(bare);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : typed;
}

/**
 * "Tra cứu hồ sơ": the citizen types the code from the receipt on a keypad of capitals and digits
 * (the dashes are optional), or holds the receipt's QR to the scanner; the kiosk shows what the
 * receipt itself shows — status, due date, what is missing — and nothing more about the person.
 */
export function DossierLookup({ bridge, disabled, onHome, scan }: KioskEntryScreenProps) {
  const strings = useStrings();
  const s = strings.kioskLookup;
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<LookupPhase>({ kind: 'entry', refused: null });
  const inFlight = useRef(false);

  const submit = useCallback(
    (value: string) => {
      if (inFlight.current || value.length === 0 || disabled) return;
      inFlight.current = true;
      const asked = lookupCodeOf(value);
      setCode(asked);
      setPhase({ kind: 'looking' });
      void bridge
        .invoke('kiosk:lookup-dossier', { code: asked })
        .then((r) => setPhase(r.ok ? { kind: 'found', dossier: r.value.dossier } : { kind: 'entry', refused: r.error }))
        .finally(() => {
          inFlight.current = false;
        });
    },
    [bridge, disabled],
  );

  // A serial scanner's code is looked up at once, whatever this screen showed.
  useKioskScan(scan, phase.kind !== 'looking', (scanned) => submit(cleaned(scanned)));

  const again = () => {
    setCode('');
    setPhase({ kind: 'entry', refused: null });
  };

  if (phase.kind === 'found') return <LookupResult dossier={phase.dossier} onAgain={again} onHome={onHome} />;

  const type = (next: string) => {
    setCode(cleaned(next));
    if (phase.kind === 'entry' && phase.refused) setPhase({ kind: 'entry', refused: null });
  };
  const busy = phase.kind === 'looking';
  const refused = phase.kind === 'entry' ? phase.refused : null;

  return (
    <KioskEntryForm
      look="k-lookup"
      testId="kiosk-lookup"
      title={s.title}
      hint={s.hint}
      field={{ testId: 'lookup-code', label: s.codeLabel, placeholder: 'HK-261120-0007', capitals: true }}
      value={code}
      onType={type}
      onSubmit={submit}
      busy={busy}
      busyText={s.looking}
      refusal={
        refused && (
          <div className="k-lookup-refused" role="alert" data-testid="lookup-refused">
            <p className="k-lookup-refused-title">{refused.kind === 'not-found' ? s.notFound : refused.kind === 'invalid-input' ? s.wrongCode : strings.kiosk.failedTitle}</p>
            <p>{refused.kind === 'not-found' || refused.kind === 'invalid-input' ? refused.message : describeError(strings, refused, true)}</p>
          </div>
        )
      }
      keypad={<OnScreenKeyboard layout="code" value={code} onChange={type} label={s.keypad} maxLength={20} disabled={busy} />}
      backTestId="lookup-back"
      onBack={onHome}
      submitTestId="lookup-submit"
      submitLabel={s.submit}
      disabled={disabled}
    />
  );
}

function LookupResult({ dossier, onAgain, onHome }: { readonly dossier: DossierPublicView; readonly onAgain: () => void; readonly onHome: () => void }) {
  const s = useStrings().kioskLookup;
  const open = dossier.status === 'received' || dossier.status === 'processing' || dossier.status === 'supplement-requested';
  return (
    <section className="k-lookup-result" data-testid="lookup-result" data-status={dossier.status}>
      <p className="k-lookup-label">{s.code}</p>
      <p className="k-lookup-value-code" data-testid="lookup-result-code">
        {dossier.code}
      </p>
      <p className={`k-lookup-status k-lookup-status-${dossier.status}`} data-testid="lookup-status" role="status">
        {dossier.statusName}
      </p>
      <dl className="k-lookup-facts">
        <dt>{s.procedure}</dt>
        <dd data-testid="lookup-procedure">{dossier.procedureName}</dd>
        <dt>{s.applicant}</dt>
        <dd>{dossier.applicantInitials}</dd>
        {open && (
          <>
            <dt>{s.due}</dt>
            <dd data-testid="lookup-due" className={dossier.overdue ? 'k-lookup-late' : undefined}>
              {s.dueAt(dossier.dueLocal)}
            </dd>
          </>
        )}
        {dossier.collectAtCentreName !== '' && (
          <>
            <dt>{s.collectAt}</dt>
            <dd data-testid="lookup-collect">{dossier.collectAtCentreName}</dd>
          </>
        )}
      </dl>
      {dossier.overdue && (
        <p className="k-lookup-overdue" data-testid="lookup-overdue">
          {s.overdue}
        </p>
      )}
      {dossier.missing.length > 0 && (
        <div className="k-lookup-missing" data-testid="lookup-missing">
          <p className="k-lookup-missing-title">{s.missingTitle}</p>
          <ol>
            {dossier.missing.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ol>
          <p>{s.missingHint}</p>
        </div>
      )}
      <div className="k-checkin-actions">
        <button type="button" className="k-checkin-back" onClick={onAgain}>
          {s.another}
        </button>
        <button type="button" className="k-checkin-submit" data-testid="lookup-home" onClick={onHome}>
          {s.home}
        </button>
      </div>
    </section>
  );
}
