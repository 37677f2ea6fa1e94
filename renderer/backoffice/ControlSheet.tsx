import { createPortal } from 'react-dom';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { useStrings } from '../i18n/strings';
import { formatInstant, formatWallTime } from './inbox';

interface ControlSheetProps {
  readonly dossier: Dossier;
  readonly history: readonly DossierHistoryEntry[];
  readonly departmentName: string;
  readonly centreName: string;
  readonly timeZone: string | undefined;
}

/**
 * Form 05 (Phiếu kiểm soát quá trình giải quyết hồ sơ): every hand-off of the dossier, who
 * made it and when. Shown in the dossier view; printed from a copy outside the app's root, so
 * the print stylesheet can hide the whole screen and show only the form.
 */
export function ControlSheet(props: ControlSheetProps) {
  const f = useStrings().backoffice.form05;
  return (
    <section className="bo-panel bo-form05" data-testid="backoffice-form05">
      <div className="bo-form05-head">
        <h3>{f.sectionTitle}</h3>
        <button type="button" className="bo-btn bo-btn-secondary bo-btn-small" onClick={() => window.print()}>
          {f.print}
        </button>
      </div>
      <HistoryTable {...props} />
      {createPortal(<PrintedSheet {...props} />, document.body)}
    </section>
  );
}

function PrintedSheet(props: ControlSheetProps) {
  const f = useStrings().backoffice.form05;
  const { dossier: d, centreName, timeZone } = props;
  return (
    <div className="bo-print" data-testid="backoffice-form05-print">
      <div className="bo-print-top">
        <div>
          <p className="bo-print-org">{centreName}</p>
          <p className="bo-print-unit">{props.departmentName}</p>
        </div>
        <div className="bo-print-nation">
          <p>{f.nation}</p>
          <p className="bo-print-motto">{f.motto}</p>
        </div>
      </div>
      <p className="bo-print-form">{f.form}</p>
      <h1>{f.title}</h1>
      <dl className="bo-print-facts">
        <div>
          <dt>{f.code}:</dt>
          <dd>{d.code}</dd>
        </div>
        <div>
          <dt>{f.applicant}:</dt>
          <dd>{d.applicant.fullName}</dd>
        </div>
        <div>
          <dt>{f.procedure}:</dt>
          <dd>{d.procedureName}</dd>
        </div>
        <div>
          <dt>{f.received}:</dt>
          <dd>{formatInstant(d.receivedAt, timeZone)}</dd>
        </div>
        <div>
          <dt>{f.due}:</dt>
          <dd>{formatWallTime(d.dueLocal)}</dd>
        </div>
        <div>
          <dt>{f.receivedAtCentre}:</dt>
          <dd>{d.receivedAtCentre.name}</dd>
        </div>
        <div>
          <dt>{f.collectAtCentre}:</dt>
          <dd>{d.collectAtCentre.name}</dd>
        </div>
      </dl>
      <HistoryTable {...props} />
      <p className="bo-print-when">{f.printedAt(formatInstant(new Date().toISOString(), timeZone))}</p>
    </div>
  );
}

function HistoryTable({ history, departmentName, timeZone }: ControlSheetProps) {
  const strings = useStrings();
  const f = strings.backoffice.form05;
  const c = f.columns;
  if (history.length === 0) return <p className="bo-muted">{f.empty}</p>;
  return (
    <table className="bo-history">
      <thead>
        <tr>
          <th scope="col">{c.index}</th>
          <th scope="col">{c.handOff}</th>
          <th scope="col">{c.who}</th>
          <th scope="col">{c.role}</th>
          <th scope="col">{c.at}</th>
          <th scope="col">{c.status}</th>
          <th scope="col">{c.note}</th>
          <th scope="col">{c.newDue}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h, i) => (
          <tr key={`${h.at}-${i}`} data-action={h.action}>
            <td>{i + 1}</td>
            <td>{f.handOff(h.action, departmentName)}</td>
            <td>{h.actorName}</td>
            <td data-testid="form05-unit">{unitOf(h, f.counterRole, departmentName)}</td>
            <td className="bo-nowrap">{formatInstant(h.at, timeZone)}</td>
            <td>{strings.backoffice.status(h.toStatus)}</td>
            <td>{h.note ?? ''}</td>
            <td className="bo-nowrap">{h.newDueAt === null ? '' : formatInstant(h.newDueAt, timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The unit that acted, as the line recorded it (issue 13: the receiving or collecting centre, the
 * agency); a line written before units were recorded falls back to its role.
 */
function unitOf(h: DossierHistoryEntry, counterRole: string, departmentName: string): string {
  if (h.unit) return h.unit.kind === 'centre' ? `${counterRole} — ${h.unit.name}` : h.unit.name;
  return h.role === 'counter' ? counterRole : h.role === 'backoffice' ? departmentName : h.role;
}
