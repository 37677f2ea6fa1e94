import { useEffect, useId, useRef, useState } from 'react';
import type { DossierStatus } from '../../core/dossiers/dossier-state';
import { canAttachResult, MAX_RESULT_BYTES, MAX_RESULT_FILES, resultFileName, resultFileProblem } from '../../core/dossiers/result-files';
import type { Result } from '../../core/result';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { formatBytes } from './inbox';

type Outcome = { readonly kind: 'sending' | 'done' | 'failed'; readonly text: string } | null;

interface ResultUploadProps {
  readonly status: DossierStatus;
  readonly count: number;
  readonly busy: boolean;
  /** Sends the bytes through the terminal (bridge call backoffice:attach-result). */
  readonly onAttach: (name: string, pdf: Uint8Array) => Promise<Result<unknown>>;
}

/**
 * "Đính kèm kết quả (PDF)" on a dossier the department works on or has finished: a file picker
 * (accept PDF); the file is checked here first (empty, over 50 MB, not a PDF, 20 files already)
 * so nothing is sent in vain, then sent through the terminal's agent, which uploads it to the hub
 * with the device token — the hub checks it again and says why when it refuses.
 */
export function ResultUpload({ status, count, busy, onAttach }: ResultUploadProps) {
  const strings = useStrings();
  const t = strings.resultFiles.upload;
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const shown = useRef<HTMLDivElement>(null);
  // The panel sits low in the dossier view: what became of the file must not stay below the fold.
  useEffect(() => {
    if (outcome !== null) shown.current?.scrollIntoView?.({ block: 'nearest' });
  }, [outcome]);
  const allowed = canAttachResult(status, count);
  if (!allowed.ok && allowed.error.kind === 'conflict') return null;
  const full = !allowed.ok;
  const max = formatBytes(MAX_RESULT_BYTES, strings.locale);

  async function picked(file: File): Promise<void> {
    const name = resultFileName(file.name);
    const size = formatBytes(file.size, strings.locale);
    const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
    const problem = resultFileProblem({ bytes: file.size, head });
    if (problem !== null) {
      const text = problem === 'empty' ? t.empty(name) : problem === 'too-big' ? t.tooBig(name, size, max) : t.notPdf(name);
      setOutcome({ kind: 'failed', text });
      return;
    }
    setOutcome({ kind: 'sending', text: t.sending(name, size) });
    const r = await onAttach(name, new Uint8Array(await file.arrayBuffer()));
    setOutcome(r.ok ? { kind: 'done', text: t.done(name) } : { kind: 'failed', text: `${t.failed(name)}: ${describeError(strings, r.error, true)}` });
  }

  return (
    <div className="bo-upload" data-testid="result-upload">
      <input
        ref={input}
        id={inputId}
        className="bo-upload-input"
        type="file"
        accept="application/pdf,.pdf"
        disabled={busy || full}
        data-testid="result-upload-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared at once, so picking the same file again (after a fix) fires a change.
          e.currentTarget.value = '';
          if (file !== undefined) void picked(file);
        }}
      />
      <label htmlFor={inputId} className={`bo-btn bo-btn-primary bo-upload-button${busy || full ? ' bo-upload-disabled' : ''}`} aria-disabled={busy || full}>
        {t.button}
      </label>
      <p className="bo-muted bo-upload-hint">{full ? t.full(MAX_RESULT_FILES) : t.hint(max)}</p>
      <div ref={shown} className="bo-upload-outcome">
      {outcome?.kind === 'sending' ? (
        <div className="bo-upload-progress" role="status" data-testid="result-upload-outcome" data-state="sending">
          <progress aria-label={outcome.text} />
          <span>{outcome.text}</span>
        </div>
      ) : outcome !== null ? (
        <p className={`bo-message ${outcome.kind === 'done' ? 'bo-message-ok' : 'bo-message-error'}`} role={outcome.kind === 'done' ? 'status' : 'alert'} data-testid="result-upload-outcome" data-state={outcome.kind}>
          {outcome.text}
        </p>
      ) : null}
      </div>
    </div>
  );
}
