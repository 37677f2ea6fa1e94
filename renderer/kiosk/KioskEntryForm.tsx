import { useEffect, useRef, type ReactNode } from 'react';
import type { Bridge } from '../../core/protocol/bridge';
import { useStrings } from '../i18n/strings';

/** A code from a serial-mode scanner (keyboard-wedge scanners type into the field instead). */
export type KioskScan = { readonly code: string; readonly seq: number };

/** What KioskScreen gives each of its entry screens (check-in, lookup, rating). */
export interface KioskEntryScreenProps {
  readonly bridge: Bridge;
  readonly disabled: boolean;
  readonly onHome: () => void;
  readonly scan?: KioskScan | null;
}

/**
 * Hands each serial scan to `onScan` once, when the screen is `ready` for it (a scan that comes
 * while a lookup is under way waits for it to end).
 */
export function useKioskScan(scan: KioskScan | null | undefined, ready: boolean, onScan: (code: string) => void): void {
  const handled = useRef<number | null>(null);
  useEffect(() => {
    if (!scan || handled.current === scan.seq || !ready) return;
    handled.current = scan.seq;
    onScan(scan.code);
  }, [scan, ready, onScan]);
}

/**
 * The kiosk's entry screen for a code or number (booking check-in, dossier lookup, rating): title,
 * hint, one large field the scanner types into (kept focused), what was refused, the keypad, and
 * Back / confirm. `look` is the screen's class prefix (`k-checkin` or `k-lookup`).
 */
export function KioskEntryForm({
  look,
  testId,
  className,
  title,
  hint,
  field,
  value,
  onType,
  onSubmit,
  busy,
  busyText,
  refusal,
  keypad,
  backTestId,
  onBack,
  erase,
  submitTestId,
  submitLabel,
  disabled,
}: {
  readonly look: 'k-checkin' | 'k-lookup';
  readonly testId: string;
  /** More classes on the section. */
  readonly className?: string;
  readonly title: string;
  readonly hint: string;
  readonly field: {
    readonly testId: string;
    readonly label: string;
    readonly placeholder: string;
    /** More classes on the field. */
    readonly className?: string;
    readonly capitals?: boolean;
  };
  readonly value: string;
  readonly onType: (typed: string) => void;
  readonly onSubmit: (value: string) => void;
  readonly busy: boolean;
  readonly busyText: string;
  readonly refusal: ReactNode;
  readonly keypad: ReactNode;
  readonly backTestId: string;
  readonly onBack: () => void;
  /** A button between Back and confirm (the booking code's erase key). */
  readonly erase?: ReactNode;
  readonly submitTestId: string;
  readonly submitLabel: string;
  readonly disabled: boolean;
}) {
  const strings = useStrings();
  const input = useRef<HTMLInputElement>(null);

  // The scanner types into whatever has focus: keep it on the field.
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  return (
    <section className={className ? `${look} ${className}` : look} data-testid={testId}>
      <h2 className="k-prompt">{title}</h2>
      <p className={`${look}-hint`}>{hint}</p>
      <form
        className={`${look}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(value);
        }}
      >
        <input
          ref={input}
          className={field.className ? `${look}-code ${field.className}` : `${look}-code`}
          data-testid={field.testId}
          aria-label={field.label}
          value={value}
          placeholder={field.placeholder}
          autoComplete="off"
          {...(field.capitals ? { autoCapitalize: 'characters' } : {})}
          spellCheck={false}
          inputMode="none"
          disabled={busy}
          onChange={(e) => onType(e.target.value)}
        />
      </form>
      {refusal}
      {busy && (
        <p className={`${look}-busy`} role="status">
          {busyText}
        </p>
      )}
      {keypad}
      <div className={look === 'k-lookup' ? 'k-checkin-actions k-lookup-actions' : 'k-checkin-actions'}>
        <button type="button" className="k-checkin-back" data-testid={backTestId} onClick={onBack} disabled={busy}>
          {strings.kiosk.back}
        </button>
        {erase}
        <button type="button" className="k-checkin-submit" data-testid={submitTestId} onClick={() => onSubmit(value)} disabled={busy || disabled || value.length === 0}>
          {submitLabel}
        </button>
      </div>
    </section>
  );
}
