import { useState } from 'react';
import type { DossierCounts, ProvinceStats } from '../../core/stats/province-stats';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { Clock } from '../shared/Clock';
import { describeError } from '../shared/describe-error';
import { useProvinceStats } from './use-province-stats';
import './province-stats.css';

const ZONE = 'Asia/Ho_Chi_Minh';
/** Today in Vietnam, YYYY-MM-DD (the days of the province statistics are Vietnam's). */
const vietnamDay = (at: Date): string => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * "Thống kê toàn tỉnh": what a province administrator sees at any centre's admin terminal — the
 * province's dossiers per receiving centre and per competent agency, overdue in red. Nothing of
 * the centre's own administration: that is its administrators'.
 */
export function ProvinceStatsScreen({ username, onSignOut }: { readonly username: string; readonly onSignOut: () => void }) {
  const strings = useStrings();
  const t = strings.provinceStats;
  const today = vietnamDay(new Date());
  const { range, state, load, download, downloading, downloadError } = useProvinceStats(useBridge(), today);
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const show = (f: string, tt: string) => {
    setFrom(f);
    setTo(tt);
    load({ from: f, to: tt });
  };
  return (
    <main className="admin" data-testid="province-stats">
      <header className="a-header">
        <div>
          <h1>{t.title}</h1>
        </div>
        <div className="a-header-right">
          <span data-testid="admin-user">
            {t.signedInAs(username)}
            <button type="button" className="a-sign-out" onClick={onSignOut}>
              {strings.adminSignIn.signOut}
            </button>
          </span>
          <Clock timeZone={ZONE} />
        </div>
      </header>
      <p className="p-lead">{t.lead}</p>
      <form
        className="p-range"
        onSubmit={(e) => {
          e.preventDefault();
          load({ from, to });
        }}
      >
        <label>
          {t.from}
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="province-from" />
        </label>
        <label>
          {t.to}
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="province-to" />
        </label>
        <button type="submit" className="p-btn p-btn-primary" disabled={!from || !to || from > to}>
          {t.show}
        </button>
        <button type="button" className="p-btn" onClick={() => show(today, today)}>
          {t.today}
        </button>
        <button type="button" className="p-btn" onClick={() => show(`${today.slice(0, 8)}01`, today)}>
          {t.thisMonth}
        </button>
        <button type="button" className="p-btn p-download" disabled={downloading || state.kind !== 'ready'} onClick={download} data-testid="province-download-xlsx">
          {downloading ? t.downloading : t.downloadXlsx}
        </button>
      </form>
      {downloadError && (
        <p className="p-error" role="alert" data-error-kind={downloadError.kind}>
          {downloadError.kind === 'hub-unreachable' ? describeError(strings, downloadError, true) : downloadError.message}
        </p>
      )}
      {state.kind === 'loading' && <p className="p-note">{t.loading}</p>}
      {state.kind === 'failed' && (
        <p className="p-error" role="alert" data-error-kind={state.error.kind}>
          <strong>{t.failed}:</strong> {state.error.kind === 'hub-unreachable' ? describeError(strings, state.error, true) : state.error.message}
        </p>
      )}
      {state.kind === 'ready' && <ProvinceFigures stats={state.value} />}
    </main>
  );
}

function ProvinceFigures({ stats }: { readonly stats: ProvinceStats }) {
  const strings = useStrings();
  const t = strings.provinceStats;
  return (
    <>
      <div className="p-totals" data-testid="province-totals">
        <Tile label={t.received} value={stats.total.received} />
        <Tile label={t.open} value={stats.total.open} />
        <Tile label={t.overdue} value={stats.total.overdue} alarm={stats.total.overdue > 0} />
        <Tile label={t.finished} value={stats.total.finished} />
        <Tile label={t.refused} value={stats.total.refused} />
      </div>
      <p className="p-note">{t.countedAt(new Date(stats.at).toLocaleString(strings.locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }))}</p>
      <CountsTable title={t.centres} head={t.centre} rows={stats.centres} total={stats.total} testId="province-centres" />
      <CountsTable title={t.agencies} head={t.agency} rows={stats.agencies} total={stats.total} testId="province-agencies" />
    </>
  );
}

function Tile({ label, value, alarm = false }: { readonly label: string; readonly value: number; readonly alarm?: boolean }) {
  return (
    <div className={`p-tile${alarm ? ' p-alarm' : ''}`}>
      <span className="p-tile-value">{value.toLocaleString('vi-VN')}</span>
      <span className="p-tile-label">{label}</span>
    </div>
  );
}

function CountsTable({ title, head, rows, total, testId }: { readonly title: string; readonly head: string; readonly rows: readonly DossierCounts[]; readonly total: ProvinceStats['total']; readonly testId: string }) {
  const t = useStrings().provinceStats;
  const figures = (c: Omit<DossierCounts, 'id' | 'name'>) => (
    <>
      <td>{c.received}</td>
      <td>{c.open}</td>
      <td className={c.overdue > 0 ? 'p-overdue' : undefined}>{c.overdue}</td>
      <td>{c.finished}</td>
      <td>{c.refused}</td>
    </>
  );
  return (
    <section className="p-section" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="p-note">{t.none}</p>
      ) : (
        <table className="p-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col">{t.received}</th>
              <th scope="col">{t.open}</th>
              <th scope="col">{t.overdue}</th>
              <th scope="col">{t.finished}</th>
              <th scope="col">{t.refused}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-id={r.id}>
                <th scope="row">
                  {r.name}
                  {r.name !== r.id ? <span className="p-id">{r.id}</span> : null}
                </th>
                {figures(r)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.total}</th>
              {figures(total)}
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
