import type { StatsRow } from '../../core/stats/stats-report';
import { useStrings } from '../i18n/strings';

const ROW_HEIGHT = 30;
const LABEL_WIDTH = 260;
const BAR_WIDTH = 520;

/** Issued and served per group as horizontal bars: inline SVG, so no chart library and no inline styles. */
export function IssuedServedBars({ rows }: { readonly rows: readonly StatsRow[] }) {
  const strings = useStrings();
  const max = Math.max(1, ...rows.map((r) => r.issued));
  const height = rows.length * ROW_HEIGHT + 28;
  return (
    <figure className="a-chart" data-testid="stats-chart">
      <figcaption>
        {strings.stats.chartTitle}
        <span className="a-legend a-legend-issued">{strings.stats.legendIssued}</span>
        <span className="a-legend a-legend-served">{strings.stats.legendServed}</span>
      </figcaption>
      <svg viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 60} ${height}`} role="img" aria-label={strings.stats.chartTitle}>
        {rows.map((r, i) => {
          const y = i * ROW_HEIGHT + 4;
          const issued = (r.issued / max) * BAR_WIDTH;
          const served = (r.served / max) * BAR_WIDTH;
          return (
            <g key={r.key}>
              <text x={LABEL_WIDTH - 8} y={y + 17} textAnchor="end" className="a-chart-label">
                {shorten(r.label)}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={issued} height={22} rx={3} className="a-bar-issued" />
              <rect x={LABEL_WIDTH} y={y + 6} width={served} height={10} rx={2} className="a-bar-served" />
              <text x={LABEL_WIDTH + issued + 6} y={y + 17} className="a-chart-value">
                {r.served}/{r.issued}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** How the citizens rated, level by level, for the whole range. */
export function RatingBars({ total }: { readonly total: StatsRow }) {
  const strings = useStrings();
  const levels = [4, 3, 2, 1] as const;
  const counts = { 1: total.rating1, 2: total.rating2, 3: total.rating3, 4: total.rating4 };
  const max = Math.max(1, ...levels.map((l) => counts[l]));
  return (
    <figure className="a-chart a-chart-small" data-testid="stats-rating-chart">
      <figcaption>{strings.stats.ratingChartTitle}</figcaption>
      <svg viewBox={`0 0 ${160 + 300 + 40} ${levels.length * ROW_HEIGHT + 8}`} role="img" aria-label={strings.stats.ratingChartTitle}>
        {levels.map((l, i) => {
          const y = i * ROW_HEIGHT + 4;
          const w = (counts[l] / max) * 300;
          return (
            <g key={l}>
              <text x={152} y={y + 17} textAnchor="end" className="a-chart-label">
                {strings.rating.levels[l]}
              </text>
              <rect x={160} y={y} width={w} height={22} rx={3} className={`a-bar-rating a-bar-rating-${l}`} />
              <text x={160 + w + 6} y={y + 17} className="a-chart-value">
                {counts[l]}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function shorten(label: string): string {
  return label.length > 30 ? `${label.slice(0, 29)}…` : label;
}
