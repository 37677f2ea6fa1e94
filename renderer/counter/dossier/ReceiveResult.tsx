import { useState } from 'react';
import type { BridgeOutput } from '../../../core/protocol/bridge';
import type { AppError } from '../../../core/result';
import { useBridge } from '../../bridge/use-terminal-context';
import { useStrings } from '../../i18n/strings';
import { describeError } from '../../shared/describe-error';

type Received = BridgeOutput<'counter:receive-dossier'>;

/** After "Tiếp nhận": the code to read out, the due date, and whether Form 01 came out of the printer. */
export function ReceiveResult({ received, onNext }: { readonly received: Received; readonly onNext: () => void }) {
  const strings = useStrings();
  const t = strings.counterDossier;
  const bridge = useBridge();
  const [printError, setPrintError] = useState<AppError | null>(received.printed.ok ? null : received.printed.error);
  const [printing, setPrinting] = useState(false);
  const { dossier } = received;

  const reprint = () => {
    setPrinting(true);
    void bridge
      .invoke('counter:print-form', { code: dossier.code, form: '01' })
      .then((r) => setPrintError(!r.ok ? r.error : r.value.printed.ok ? null : r.value.printed.error))
      .finally(() => setPrinting(false));
  };

  return (
    <section className="cd-result" data-testid="dossier-received" aria-labelledby="cd-result-title">
      <h2 id="cd-result-title">{t.result.title}</h2>
      <p className="cd-result-label">{t.result.code}</p>
      <p className="cd-code" data-testid="dossier-code">
        {dossier.code}
      </p>
      <p className="cd-result-procedure">
        {dossier.procedureName} · {dossier.applicant.fullName}
      </p>
      <p className="cd-result-due">
        <span>{t.result.due}:</span> <strong data-testid="dossier-due">{t.dueDate(dossier.dueLocal)}</strong>
      </p>
      {printError === null ? (
        <p className="cd-msg cd-msg-ok" role="status">
          {t.result.printed}
        </p>
      ) : (
        <div className="cd-msg cd-msg-error cd-msg-row" role="alert">
          <span>
            <strong>{t.result.printFailed}:</strong> {describeError(strings, printError, true)}
          </span>
          <button type="button" className="cd-btn cd-btn-secondary" disabled={printing} onClick={reprint}>
            {printing ? t.result.reprinting : t.result.reprint}
          </button>
        </div>
      )}
      {!received.delivered && (
        <p className="cd-msg cd-msg-warn" role="status" data-testid="dossier-undelivered">
          {t.result.undelivered}
        </p>
      )}
      <button type="button" className="cd-btn cd-btn-primary cd-btn-big" onClick={onNext}>
        {t.result.next}
      </button>
    </section>
  );
}
