import type { Database } from 'better-sqlite3';
import type { Counter, Service } from '../../core/queue/types';
import { buildStatsReport, localHour } from '../../core/stats/aggregate-stats';
import type { StatsRange, StatsReport } from '../../core/stats/stats-report';
import { StatsRepository } from './stats-repository';

export interface StatsServiceOptions {
  readonly db: Database;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly clerks: readonly { readonly id: string; readonly name: string }[];
  readonly timeZone: string;
  readonly clock: () => Date;
}

/** The admin's statistics over a range of the centre's days. Reads only: no transaction, no command log. */
export class StatsService {
  private readonly repo: StatsRepository;

  constructor(private readonly options: StatsServiceOptions) {
    this.repo = new StatsRepository(options.db);
  }

  report(range: StatsRange): StatsReport {
    const { timeZone } = this.options;
    const facts = this.repo.ticketFacts(range).map((f) => ({ ...f, hour: localHour(f.issuedAt, timeZone) }));
    return buildStatsReport({
      range,
      timeZone,
      generatedAt: this.options.clock().toISOString(),
      facts,
      idleGaps: this.repo.idleGaps(range),
      labels: {
        services: new Map(this.options.services.map((s) => [s.id, s.name])),
        counters: new Map(this.options.counters.map((c) => [c.id, c.name])),
        clerks: new Map(this.options.clerks.map((c) => [c.id, c.name])),
      },
    });
  }
}
