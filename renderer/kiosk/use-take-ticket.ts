import { useCallback, useRef, useState } from 'react';
import type { Bridge, TakeTicketOutput } from '../../core/protocol/bridge';
import type { PriorityClass, Service } from '../../core/queue/types';
import type { AppError } from '../../core/result';
import { newCommandId } from '../shared/command-id';

export type KioskPhase =
  | { readonly kind: 'home' }
  | { readonly kind: 'printing'; readonly service: Service }
  | { readonly kind: 'issued'; readonly output: TakeTicketOutput }
  | { readonly kind: 'failed'; readonly service: Service; readonly error: AppError };

/** After returning home, taps are ignored this long: the finger that pressed "Xong" may land again. */
const QUIET_AFTER_HOME_MS = 700;

/**
 * One ticket per tap, and one command id per tap, minted here: the agent re-sends it until the
 * hub answers, or issues offline under it. Another citizen's tap is another id. The guard is a ref, not state: a double tap arrives before React has
 * re-rendered, and both taps would see the old state.
 */
export function useTakeTicket(bridge: Bridge): {
  readonly phase: KioskPhase;
  readonly take: (service: Service, priority?: Exclude<PriorityClass, 'appointment'>) => void;
  readonly home: () => void;
} {
  const [phase, setPhase] = useState<KioskPhase>({ kind: 'home' });
  const inFlight = useRef(false);
  const quietUntil = useRef(0);

  const take = useCallback(
    (service: Service, priority: Exclude<PriorityClass, 'appointment'> = 'normal') => {
      if (inFlight.current || Date.now() < quietUntil.current) return;
      inFlight.current = true;
      setPhase({ kind: 'printing', service });
      void bridge
        .invoke('kiosk:take-ticket', { serviceId: service.id, priority, commandId: newCommandId() })
        .then((result) => setPhase(result.ok ? { kind: 'issued', output: result.value } : { kind: 'failed', service, error: result.error }))
        .finally(() => {
          inFlight.current = false;
        });
    },
    [bridge],
  );

  const home = useCallback(() => {
    quietUntil.current = Date.now() + QUIET_AFTER_HOME_MS;
    setPhase({ kind: 'home' });
  }, []);

  return { phase, take, home };
}
