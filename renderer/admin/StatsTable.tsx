import type { StatsRow } from '../../core/stats/stats-report';
import { useStrings } from '../i18n/strings';

/** One grouping's figures; times in minutes with the locale's decimal mark, empty cells as "—". */
export function StatsTable({ rows, keyHeader, showIdle }: { readonly rows: readonly StatsRow[]; readonly keyHeader: string; readonly showIdle: boolean }) {
  const strings = useStrings();
  const c = strings.stats.columns;
  const num = (v: number | null) => (v === null ? '—' : v.toLocaleString(strings.locale));
  return (
    <table className="a-stats-table" data-testid="stats-table">
      <thead>
        <tr>
          <th>{keyHeader}</th>
          <th>{c.issued}</th>
          <th>{c.served}</th>
          <th>{c.noShows}</th>
          <th>{c.cancelled}</th>
          <th>{c.waitMean}</th>
          <th>{c.waitP90}</th>
          <th>{c.serviceMean}</th>
          {showIdle && <th>{c.idle}</th>}
          <th>{c.ratings}</th>
          <th>{c.ratingMean}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{r.issued}</td>
            <td>{r.served}</td>
            <td>{r.noShows}</td>
            <td>{r.cancelled}</td>
            <td>{num(r.waitMeanMinutes)}</td>
            <td>{num(r.waitP90Minutes)}</td>
            <td>{num(r.serviceMeanMinutes)}</td>
            {showIdle && <td>{num(r.idleMinutes)}</td>}
            <td className="a-ratings-cell">
              {r.rating1}/{r.rating2}/{r.rating3}/{r.rating4}
            </td>
            <td data-testid="stats-rating-mean">{num(r.ratingMean)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
