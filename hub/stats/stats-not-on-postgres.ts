import type { StatsRange, StatsReport } from '../../core/stats/stats-report';
import { StatsService } from './stats-service';

/**
 * The statistics of a hub on PostgreSQL until their PostgreSQL side is built: a typed refusal
 * (HTTP 501), not the figures of a SQLite file that holds none of the centre's tickets.
 */
export class StatsNotOnPostgres extends StatsService {
  override report(_range: StatsRange): StatsReport {
    throw Object.assign(new Error('Thống kê chưa chạy trên PostgreSQL (statistics are not built on PostgreSQL yet).'), { statusCode: 501, kind: 'not-on-postgres' });
  }
}
