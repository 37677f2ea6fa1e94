import { useStrings } from '../../i18n/strings';
import type { ApplicantDraft, ApplicantField, ApplicantProblems } from './applicant-form';

export type CardReading = { readonly kind: 'filled'; readonly name: string } | { readonly kind: 'failed'; readonly messages: readonly string[] } | null;

const INPUT_MODES: Partial<Record<ApplicantField, 'numeric' | 'tel'>> = { idNumber: 'numeric', phone: 'tel' };

/** The applicant, filled from the CCCD's QR code or typed; each field shows its own problem. */
export function ApplicantForm({
  draft,
  problems,
  reading,
  onChange,
}: {
  readonly draft: ApplicantDraft;
  readonly problems: ApplicantProblems;
  readonly reading: CardReading;
  readonly onChange: (field: ApplicantField, value: string) => void;
}) {
  const t = useStrings().counterDossier.applicant;
  const field = (name: ApplicantField, label: string, wide = false, placeholder?: string) => (
    <label className={`cd-field${wide ? ' cd-field-wide' : ''}${problems[name] ? ' cd-field-bad' : ''}`}>
      <span>{label}</span>
      <input
        name={name}
        value={draft[name]}
        autoComplete="off"
        inputMode={INPUT_MODES[name]}
        placeholder={placeholder}
        aria-invalid={problems[name] ? true : undefined}
        onChange={(e) => onChange(name, e.target.value)}
      />
      {problems[name] && (
        <small className="cd-problem" role="alert">
          {problems[name]}
        </small>
      )}
    </label>
  );
  return (
    <section className="cd-applicant" aria-labelledby="cd-applicant-title" data-testid="dossier-applicant">
      <div className="cd-section-head">
        <h3 id="cd-applicant-title">{t.title}</h3>
        <span className="cd-hint">{t.scanHint}</span>
      </div>
      {reading?.kind === 'filled' && (
        <p className="cd-msg cd-msg-ok" role="status">
          {t.filled(reading.name)}
        </p>
      )}
      {reading?.kind === 'failed' && (
        <div className="cd-msg cd-msg-error" role="alert" data-testid="dossier-cccd-error">
          <strong>{t.cccdFailed}:</strong>
          <ul>
            {reading.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="cd-grid">
        {field('fullName', t.fullName, true)}
        {field('idNumber', t.idNumber)}
        {field('dateOfBirth', t.dateOfBirth, false, t.dateOfBirthPlaceholder)}
        {field('address', t.address, true)}
        {field('phone', t.phone)}
      </div>
    </section>
  );
}
