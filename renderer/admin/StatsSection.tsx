import { useState } from 'react';
import type { TerminalContext } from '../../core/protocol/bridge';
import { serviceDay } from '../../core/queue/numbering';
import { STATS_GROUPINGS, type StatsGrouping, type StatsReport } from '../../core/stats/stats-report';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { IssuedServedBars, RatingBars } from './StatsBars';
import { StatsTable } from './StatsTable';
import { useStats } from './use-stats';
import './stats.css';

/** The admin's statistics: today unless another range is chosen, one grouping at a time, and the exports. */
export function StatsSection({ context }: { readonly context: TerminalContext }) {
  const strings = useStrings();
  const bridge = useBridge();
  const today = serviceDay(new Date(), context.centre?.timeZone ?? 'Asia/Ho_Chi_Minh');
  const { range, state, load, download, downloading, downloadError } = useStats(bridge, today);
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [grouping, setGrouping] = useState<StatsGrouping>('service');
  const groupingName = strings.stats.groupings[grouping];

  return (
    <section className="a-stats" aria-labelledby="a-stats-title" data-testid="admin-stats">
      <div className="a-stats-head">
        <h2 id="a-stats-title">{strings.stats.title}</h2>
        <form
          className="a-stats-range"
          onSubmit={(e) => {
            e.preventDefault();
            load({ from, to });
          }}
        >
          <label>
            {strings.stats.from}
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="stats-from" />
          </label>
          <label>
            {strings.stats.to}
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="stats-to" />
          </label>
          <button type="submit" className="a-btn a-btn-primary" disabled={!from || !to || from > to}>
            {strings.stats.show}
          </button>
          <button
            type="button"
            className="a-btn"
            onClick={() => {
              setFrom(today);
              setTo(today);
              load({ from: today, to: today });
            }}
          >
            {strings.stats.today}
          </button>
        </form>
        <div className="a-stats-downloads">
          <button type="button" className="a-btn" disabled={downloading !== null || state.kind !== 'ready'} onClick={() => download('xlsx')} data-testid="stats-download-xlsx">
            {downloading === 'xlsx' ? strings.stats.downloading : strings.stats.downloadXlsx}
          </button>
          <button type="button" className="a-btn" disabled={downloading !== null || state.kind !== 'ready'} onClick={() => download('csv', grouping)} data-testid="stats-download-csv">
            {downloading === 'csv' ? strings.stats.downloading : strings.stats.downloadCsv(groupingName)}
          </button>
        </div>
      </div>
      {downloadError && (
        <p className="a-stats-error" role="alert">
          {describeError(strings, downloadError, true)}
        </p>
      )}
      {state.kind === 'loading' && <p className="a-stats-note">{strings.stats.loading}</p>}
      {state.kind === 'failed' && (
        <p className="a-stats-error" role="alert">
          <strong>{strings.stats.failed}:</strong> {describeError(strings, state.error, true)}
        </p>
      )}
      {state.kind === 'ready' && <StatsBody report={state.value} grouping={grouping} onGrouping={setGrouping} />}
    </section>
  );
}

function StatsBody({ report, grouping, onGrouping }: { readonly report: StatsReport; readonly grouping: StatsGrouping; readonly onGrouping: (g: StatsGrouping) => void }) {
  const strings = useStrings();
  const t = report.total;
  const minutes = (v: number | null) => (v === null ? '—' : strings.stats.minutes(v));
  const rows = report.groups[grouping];
  const tiles: readonly [string, string, string][] = [
    ['issued', strings.stats.totals.issued, String(t.issued)],
    ['served', strings.stats.totals.served, String(t.served)],
    ['no-shows', strings.stats.totals.noShows, String(t.noShows)],
    ['cancelled', strings.stats.totals.cancelled, String(t.cancelled)],
    ['wait', strings.stats.totals.wait, `${minutes(t.waitMeanMinutes)} / ${minutes(t.waitP90Minutes)}`],
    ['service', strings.stats.totals.service, minutes(t.serviceMeanMinutes)],
    ['idle', strings.stats.totals.idle, minutes(t.idleMinutes)],
    ['rating', strings.stats.totals.rating, t.ratingMean === null ? strings.stats.noRatings : strings.stats.ratingOutOf(t.ratingMean, t.ratingCount)],
  ];
  return (
    <>
      <dl className="a-stats-tiles" data-testid="stats-totals">
        {tiles.map(([key, name, value]) => (
          <div key={key} className="a-tile" data-tile={key}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="a-tabs" role="tablist" aria-label={strings.stats.title}>
        {STATS_GROUPINGS.map((g) => (
          <button key={g} type="button" role="tab" aria-selected={g === grouping} className={`a-tab${g === grouping ? ' a-tab-on' : ''}`} onClick={() => onGrouping(g)} data-grouping={g}>
            {strings.stats.groupings[g]}
          </button>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="a-stats-note">{strings.stats.empty}</p>
      ) : (
        <>
          <div className="a-charts">
            <IssuedServedBars rows={rows} />
            <RatingBars total={t} />
          </div>
          <StatsTable rows={rows} keyHeader={strings.stats.groupings[grouping]} showIdle={grouping === 'counter' || grouping === 'clerk'} />
        </>
      )}
      <p className="a-stats-note">{strings.stats.unitNote}</p>
    </>
  );
}
