import type { Dossier } from '../../core/dossiers/dossier';
import { ResultFileList } from '../shared/ResultFileList';
import type { TerminalContext } from '../../core/protocol/bridge';
import { fileUrl } from '../bridge/get-bridge';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { useNow } from '../shared/use-now';
import { ActionPanel } from './ActionPanel';
import { ControlSheet } from './ControlSheet';
import { ResultUpload } from './ResultUpload';
import { dossierPdfPath, formatBytes, formatDay, formatInstant, formatVnd, formatWallTime, lateness, overdueNow } from './inbox';
import { useDossier } from './use-dossier';

interface DossierViewProps {
  readonly code: string;
  /** When the inbox last heard this dossier changed: a newer one than shown is fetched again. */
  readonly latestUpdate: string | undefined;
  readonly context: TerminalContext;
  readonly onChanged: (d: Dossier) => void;
  readonly onClose: () => void;
}

/** One dossier: who, what, which papers, the scan, what the department may do now, and Form 05. */
export function DossierView({ code, latestUpdate, context, onChanged, onClose }: DossierViewProps) {
  const strings = useStrings();
  const v = strings.backoffice.view;
  const bridge = useBridge();
  const { open, error, busy, act, attach } = useDossier(bridge, code, latestUpdate, onChanged);
  const timeZone = context.centre?.timeZone;

  if (open === null) {
    return (
      <article className="bo-view bo-panel" data-testid="backoffice-dossier">
        {error === null ? (
          <p className="bo-empty">{v.loading}</p>
        ) : (
          <p className="bo-message bo-message-error" role="alert">
            <strong>{v.failed}:</strong> {describeError(strings, error, true)}
          </p>
        )}
      </article>
    );
  }
  const { dossier: d, history } = open;
  const procedure = context.catalogue.procedures.find((p) => p.code === d.procedureCode);
  const departmentName = context.catalogue.departments.find((x) => x.id === d.departmentId)?.name ?? d.departmentId;
  return (
    <article className="bo-view" data-testid="backoffice-dossier" data-code={d.code} data-status={d.status}>
      <header className="bo-view-head">
        <div>
          <p className="bo-view-code">{d.code}</p>
          <h2>{d.procedureName}</h2>
        </div>
        <span className={`bo-status bo-status-big bo-status-${d.status}`} data-testid="backoffice-status">
          {strings.backoffice.status(d.status)}
        </span>
        {open.sync ? (
          <span className={`bo-sync bo-sync-${open.sync.state}`} data-testid="backoffice-sync" data-state={open.sync.state}>
            {v.sync(open.sync.state, open.sync.label)}
          </span>
        ) : null}
        <button type="button" className="bo-btn bo-btn-ghost bo-btn-small" onClick={onClose}>
          {v.close}
        </button>
      </header>

      <div className="bo-view-body">
        <Facts dossier={d} timeZone={timeZone} />
        <section className="bo-panel bo-docs">
          <h3>{v.documents}</h3>
          {d.documents.length === 0 ? (
            <p className="bo-muted">{v.noDocuments}</p>
          ) : (
            <ol>
              {d.documents.map((doc) => (
                <li key={doc.name}>
                  <span>{doc.name}</span>
                  <span className="bo-copies">{v.copies(doc.copies, doc.original)}</span>
                </li>
              ))}
            </ol>
          )}
          {d.missing.length > 0 && (
            <div className="bo-missing" data-testid="backoffice-missing">
              <h4>{v.missing}</h4>
              <ul>
                {d.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <ScannedPdf dossier={d} />
        <ResultFileList code={d.code} results={open.results ?? []}>
          <ResultUpload status={d.status} count={open.results?.length ?? 0} busy={busy} onAttach={attach} />
        </ResultFileList>
        <ActionPanel dossier={d} procedure={procedure} busy={busy} onAct={act} />
        <ControlSheet dossier={d} history={history} departmentName={departmentName} centreName={context.centre?.name ?? ''} timeZone={timeZone} />
      </div>
    </article>
  );
}

function Facts({ dossier: d, timeZone }: { readonly dossier: Dossier; readonly timeZone: string | undefined }) {
  const strings = useStrings();
  const v = strings.backoffice.view;
  const now = useNow(30_000);
  const overdue = overdueNow(d, now);
  const late = lateness(d.dueAt, now);
  const rows: [string, string | null][] = [
    [v.applicant, d.applicant.fullName],
    [v.idNumber, d.applicant.idNumber],
    [v.dateOfBirth, d.applicant.dateOfBirth === null ? null : formatDay(d.applicant.dateOfBirth)],
    [v.address, d.applicant.address],
    [v.phone, d.applicant.phone],
    [v.received, formatInstant(d.receivedAt, timeZone)],
    [v.fee, d.fee === 0 && d.feePaid === 0 ? v.free : v.feeValue(formatVnd(d.feePaid), formatVnd(d.fee))],
  ];
  return (
    <section className="bo-panel bo-facts">
      <dl>
        {rows.map(([label, value]) =>
          value === null ? null : (
            <div key={label} className="bo-fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ),
        )}
        <div className={`bo-fact bo-fact-due${overdue ? ' bo-fact-late' : ''}`}>
          <dt>{v.due}</dt>
          <dd>
            {formatWallTime(d.dueLocal)}
            {overdue && <strong className="bo-late"> · {strings.backoffice.overdueBy(strings.backoffice.late(late.days, late.hours, late.minutes))}</strong>}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function ScannedPdf({ dossier: d }: { readonly dossier: Dossier }) {
  const strings = useStrings();
  const v = strings.backoffice.view;
  if (d.pdf === null) {
    return (
      <section className="bo-panel bo-scan bo-scan-none" data-testid="backoffice-pdf">
        <h3>{v.scan}</h3>
        <p className="bo-scan-missing">{v.noScan}</p>
        <p className="bo-muted">{v.noScanHint}</p>
      </section>
    );
  }
  // Without the updatedAt the browser could keep showing an older scan of the same dossier.
  const url = fileUrl(`${dossierPdfPath(d.code)}?v=${encodeURIComponent(d.updatedAt)}`);
  return (
    <section className="bo-panel bo-scan" data-testid="backoffice-pdf">
      <div className="bo-scan-head">
        <h3>{v.scan}</h3>
        <span className="bo-muted">{v.scanPages(d.pdf.pages, formatBytes(d.pdf.bytes, strings.locale))}</span>
        <a className="bo-btn bo-btn-secondary bo-btn-small" href={url} target="_blank" rel="noopener noreferrer">
          {v.openPdf}
        </a>
      </div>
      <iframe className="bo-scan-frame" title={`${v.scan} ${d.code}`} src={url} />
    </section>
  );
}
