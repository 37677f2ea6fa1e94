import { zonedFormatter } from '../calendar/zoned-format';
import type { TicketState } from '../queue/types';
import type { RatingLevel } from './ratings';
import { mean, nearestRankPercentile, round2 } from './percentile';
import { STATS_GROUPINGS, type StatsGrouping, type StatsRange, type StatsReport, type StatsRow } from './stats-report';

/** One ticket as the statistics see it (the hub's SQL computes the durations). */
export interface TicketFact {
  readonly day: string;
  /** Centre-local hour (0–23) the ticket was issued in. */
  readonly hour: number;
  readonly serviceId: string;
  readonly counterId: string | null;
  readonly clerkId: string | null;
  readonly state: TicketState;
  readonly waitSeconds: number | null;
  readonly serviceSeconds: number | null;
  readonly rating: RatingLevel | null;
}

/** A stretch with nobody at a counter (or clerk) between a finish and the next call; see STATS_DEFINITIONS.idle. */
export interface IdleGap {
  readonly by: 'counter' | 'clerk';
  readonly key: string;
  readonly seconds: number;
}

/** Names for the keys, in the order the tables list them (the centre's configuration order). */
export interface StatsLabels {
  readonly services: ReadonlyMap<string, string>;
  readonly counters: ReadonlyMap<string, string>;
  readonly clerks: ReadonlyMap<string, string>;
}

export interface StatsInput {
  readonly range: StatsRange;
  readonly timeZone: string;
  readonly generatedAt: string;
  readonly facts: readonly TicketFact[];
  readonly idleGaps: readonly IdleGap[];
  readonly labels: StatsLabels;
}

export function hourLabel(hour: number): string {
  const pad = (h: number) => String(h).padStart(2, '0');
  return `${pad(hour)}:00–${pad(hour + 1)}:00`;
}

/** The centre-local hour of an instant. */
export function localHour(iso: string, timeZone: string): number {
  const text = zonedFormatter('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return Number(text);
}

function keyOf(fact: TicketFact, grouping: StatsGrouping): string | null {
  switch (grouping) {
    case 'day':
      return fact.day;
    case 'hour':
      return String(fact.hour).padStart(2, '0');
    case 'service':
      return fact.serviceId;
    case 'counter':
      return fact.counterId;
    case 'clerk':
      return fact.clerkId;
  }
}

function rowOf(key: string, label: string, facts: readonly TicketFact[], idleSeconds: number | null): StatsRow {
  const waits = facts.flatMap((f) => (f.waitSeconds === null ? [] : [f.waitSeconds / 60]));
  const services = facts.flatMap((f) => (f.state === 'done' && f.serviceSeconds !== null ? [f.serviceSeconds / 60] : []));
  const ratings = facts.flatMap((f) => (f.rating === null ? [] : [f.rating]));
  const count = (level: RatingLevel) => ratings.filter((r) => r === level).length;
  return {
    key,
    label,
    issued: facts.length,
    served: facts.filter((f) => f.state === 'done').length,
    noShows: facts.filter((f) => f.state === 'no-show').length,
    cancelled: facts.filter((f) => f.state === 'cancelled').length,
    waitMeanMinutes: round2(mean(waits)),
    waitP90Minutes: round2(nearestRankPercentile(waits, 0.9)),
    serviceMeanMinutes: round2(mean(services)),
    idleMinutes: idleSeconds === null ? null : round2(idleSeconds / 60),
    rating1: count(1),
    rating2: count(2),
    rating3: count(3),
    rating4: count(4),
    ratingCount: ratings.length,
    ratingMean: round2(mean(ratings)),
  };
}

function groupRows(grouping: StatsGrouping, input: StatsInput): StatsRow[] {
  const buckets = new Map<string, TicketFact[]>();
  for (const fact of input.facts) {
    const key = keyOf(fact, grouping);
    if (key === null) continue; // never called: belongs to no counter or clerk
    const bucket = buckets.get(key) ?? [];
    bucket.push(fact);
    buckets.set(key, bucket);
  }
  const labels = grouping === 'service' ? input.labels.services : grouping === 'counter' ? input.labels.counters : grouping === 'clerk' ? input.labels.clerks : null;
  const order = labels ? [...labels.keys()] : [];
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = [...buckets.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys.map((key) => {
    const label = grouping === 'hour' ? hourLabel(Number(key)) : (labels?.get(key) ?? key);
    const idle = grouping === 'counter' || grouping === 'clerk' ? input.idleGaps.filter((g) => g.by === grouping && g.key === key).reduce((s, g) => s + g.seconds, 0) : null;
    return rowOf(key, label, buckets.get(key)!, idle);
  });
}

/** Turns the hub's per-ticket facts into the report: one table per grouping and a total line. */
export function buildStatsReport(input: StatsInput): StatsReport {
  const groups = Object.fromEntries(STATS_GROUPINGS.map((g) => [g, groupRows(g, input)])) as Record<StatsGrouping, StatsRow[]>;
  const counterIdle = input.idleGaps.filter((g) => g.by === 'counter').reduce((s, g) => s + g.seconds, 0);
  return {
    from: input.range.from,
    to: input.range.to,
    timeZone: input.timeZone,
    generatedAt: input.generatedAt,
    total: rowOf('total', 'Tổng cộng', input.facts, counterIdle),
    groups,
  };
}
