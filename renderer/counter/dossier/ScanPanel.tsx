import { useState } from 'react';
import type { ScannerState } from '../../../core/protocol/bridge';
import type { AppError } from '../../../core/result';
import { fileUrl } from '../../bridge/get-bridge';
import { useBridge } from '../../bridge/use-terminal-context';
import { useStrings } from '../../i18n/strings';
import { describeError } from '../../shared/describe-error';

/** The counter's document scanner: scan pages into the dossier, look at them, fix the order. */
export function ScanPanel({ scanner }: { readonly scanner: ScannerState }) {
  const strings = useStrings();
  const t = strings.counterDossier.scanner;
  const bridge = useBridge();
  const [many, setMany] = useState(2);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const scanning = scanner.state === 'scanning';
  const disabled = sending || scanning;

  const run = (call: () => Promise<{ ok: true } | { ok: false; error: AppError }>) => {
    if (sending) return;
    setSending(true);
    setFailure(null);
    void call()
      .then((r) => setFailure(r.ok ? null : r.error))
      .finally(() => setSending(false));
  };
  const pages = scanner.pages;
  return (
    <section className="cd-scan" aria-labelledby="cd-scan-title" data-testid="dossier-scanner">
      <div className="cd-section-head">
        <h3 id="cd-scan-title">{t.title}</h3>
        {pages.length > 0 && (
          <button type="button" className="cd-btn cd-btn-ghost" disabled={disabled} onClick={() => run(() => bridge.invoke('counter:scan-clear', {}))}>
            {t.clear}
          </button>
        )}
      </div>
      <div className="cd-scan-actions">
        <button type="button" className="cd-btn cd-btn-primary" disabled={disabled} onClick={() => run(() => bridge.invoke('counter:scan-pages', { pages: 1 }))}>
          {t.scanOne}
        </button>
        <span className="cd-scan-many">
          <input type="number" min={2} max={100} value={many} aria-label={t.pagesToScan} onChange={(e) => setMany(Math.min(100, Math.max(2, Math.trunc(Number(e.target.value) || 2))))} />
          <button type="button" className="cd-btn cd-btn-secondary" disabled={disabled} onClick={() => run(() => bridge.invoke('counter:scan-pages', { pages: many }))}>
            {t.scanMany(many)}
          </button>
        </span>
      </div>
      {scanning && scanner.progress !== null && (
        <div className="cd-progress" role="status" data-testid="dossier-scan-progress">
          <span>{t.scanning(scanner.progress.page, scanner.progress.percent)}</span>
          <progress max={100} value={scanner.progress.percent} />
        </div>
      )}
      {scanner.state === 'error' && scanner.message !== null && (
        <p className="cd-msg cd-msg-error" role="alert">
          <strong>{t.failed}:</strong> {scanner.message}
        </p>
      )}
      {failure !== null && (
        <p className="cd-msg cd-msg-error" role="alert">
          <strong>{t.failed}:</strong> {describeError(strings, failure, true)}
        </p>
      )}
      {pages.length === 0 ? (
        <p className="cd-note">{t.none}</p>
      ) : (
        <ol className="cd-pages">
          {pages.map((p, i) => (
            <li key={p.id} className="cd-page" data-page-id={p.id}>
              <img src={fileUrl(p.previewUrl)} alt={t.page(i + 1)} />
              <span className="cd-page-no">{t.page(i + 1)}</span>
              <span className="cd-page-tools">
                <button type="button" aria-label={`${t.left}: ${t.page(i + 1)}`} title={t.left} disabled={disabled || i === 0} onClick={() => run(() => bridge.invoke('counter:scan-move', { pageId: p.id, to: i - 1 }))}>
                  ◀
                </button>
                <button type="button" aria-label={`${t.rescan}: ${t.page(i + 1)}`} disabled={disabled} onClick={() => run(() => bridge.invoke('counter:scan-rescan', { pageId: p.id }))}>
                  {t.rescan}
                </button>
                <button type="button" aria-label={`${t.remove}: ${t.page(i + 1)}`} disabled={disabled} onClick={() => run(() => bridge.invoke('counter:scan-delete', { pageId: p.id }))}>
                  {t.remove}
                </button>
                <button
                  type="button"
                  aria-label={`${t.right}: ${t.page(i + 1)}`}
                  title={t.right}
                  disabled={disabled || i === pages.length - 1}
                  onClick={() => run(() => bridge.invoke('counter:scan-move', { pageId: p.id, to: i + 1 }))}
                >
                  ▶
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
