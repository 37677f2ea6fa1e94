import { useEffect, useMemo, useState } from 'react';
import { withinHours } from '../../core/queue/walk-in-policy';
import type { Service } from '../../core/queue/types';
import { useStrings } from '../i18n/strings';
import { useNow } from '../shared/use-now';
import type { KioskPhase } from './use-take-ticket';

/**
 * The services that give no walk-in ticket now, and why, for their tiles: outside the service's
 * hours (the kiosk's own reading of the config, so a citizen is not sent to a refusal) or out of
 * numbers today (learnt from the hub's `exhausted` answer, until the centre's day changes).
 */
export function useWalkInClosed(services: readonly Service[], timeZone: string, day: string | null, phase: KioskPhase): ReadonlyMap<string, string> {
  const strings = useStrings();
  const now = useNow(15_000);
  const [capped, setCapped] = useState<{ readonly day: string | null; readonly ids: ReadonlySet<string> }>({ day, ids: new Set() });
  useEffect(() => {
    if (phase.kind === 'failed' && phase.error.kind === 'exhausted') {
      setCapped((c) => ({ day, ids: new Set([...(c.day === day ? c.ids : []), phase.service.id]) }));
    }
  }, [phase, day]);
  return useMemo(() => {
    const closed = new Map<string, string>();
    for (const service of services) {
      const hours = withinHours(service.walkIn, now, timeZone);
      if (!hours.open) closed.set(service.id, strings.kiosk.outsideHours(hours.hours));
      else if (capped.day === day && capped.ids.has(service.id)) closed.set(service.id, strings.kiosk.noMoreToday);
    }
    return closed;
  }, [services, now, timeZone, capped, day, strings]);
}
