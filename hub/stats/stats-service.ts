import type { Counter, Service } from '../../core/queue/types';
import { buildStatsReport, localHour } from '../../core/stats/aggregate-stats';
import type { StatsRange, StatsReport } from '../../core/stats/stats-report';
import type { Async } from '../store/async-of';
import type { StatsRepository } from './stats-repository';

export interface StatsServiceOptions {
  /** The centre's tickets and ratings (hub/store/hub-repositories.ts `stats`). */
  readonly repo: Async<StatsRepository>;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly clerks: readonly { readonly id: string; readonly name: string }[];
  readonly timeZone: string;
  readonly clock: () => Date;
}

/** The admin's statistics over a range of the centre's days. Reads only: no transaction, no command log. */
export class StatsService {
  constructor(private readonly options: StatsServiceOptions) {}

  async report(range: StatsRange): Promise<StatsReport> {
    const { timeZone, repo } = this.options;
    const facts = (await repo.ticketFacts(range)).map((f) => ({ ...f, hour: localHour(f.issuedAt, timeZone) }));
    return buildStatsReport({
      range,
      timeZone,
      generatedAt: this.options.clock().toISOString(),
      facts,
      idleGaps: await repo.idleGaps(range),
      labels: {
        services: new Map(this.options.services.map((s) => [s.id, s.name])),
        counters: new Map(this.options.counters.map((c) => [c.id, c.name])),
        clerks: new Map(this.options.clerks.map((c) => [c.id, c.name])),
      },
    });
  }
}
