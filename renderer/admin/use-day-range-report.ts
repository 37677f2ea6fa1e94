import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../core/result';

/** A range of Vietnam days, "YYYY-MM-DD" both ends. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export type ReportState<T> = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly value: T } | { readonly kind: 'failed'; readonly error: AppError };

/**
 * A report over a range of days, as the admin screens show one (the centre's statistics, the
 * province's): today's at first; only the answer to the latest request is shown, whatever order the
 * answers come in; while the range reaches today the figures move, so they are fetched again every
 * `refreshMs`.
 */
export function useDayRangeReport<R extends DayRange, T>(fetch: (range: R) => Promise<Result<T>>, initial: R, today: string, refreshMs: number) {
  const [range, setRange] = useState<R>(initial);
  const [state, setState] = useState<ReportState<T>>({ kind: 'loading' });
  const latest = useRef(0);

  const load = useCallback(
    (r: R) => {
      const ticket = ++latest.current;
      setRange(r);
      void fetch(r).then((res) => {
        if (ticket === latest.current) setState(res.ok ? { kind: 'ready', value: res.value } : { kind: 'failed', error: res.error });
      });
    },
    [fetch],
  );

  useEffect(() => {
    load(initial);
    // Only once: later loads are the administrator's choice of range.
  }, []);

  useEffect(() => {
    if (range.to < today) return;
    const timer = setInterval(() => load(range), refreshMs);
    return () => clearInterval(timer);
  }, [range, today, load, refreshMs]);

  return { range, state, load };
}
