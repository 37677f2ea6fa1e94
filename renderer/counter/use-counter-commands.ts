import { useCallback, useRef, useState } from 'react';
import type { Bridge } from '../../core/protocol/bridge';
import type { Ticket } from '../../core/queue/types';
import type { AppError, Result } from '../../core/result';

export type CounterCommand = 'counter:call-next' | 'counter:start' | 'counter:complete' | 'counter:no-show';

export type CommandOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'nobody-waiting' }
  | { readonly kind: 'failed'; readonly error: AppError };

/** Sends one counter command at a time and keeps its answer until the next push catches up. */
export function useCounterCommands(bridge: Bridge): {
  readonly busy: CounterCommand | null;
  readonly answered: Ticket | null;
  readonly outcome: CommandOutcome;
  readonly callNext: () => void;
  readonly act: (command: Exclude<CounterCommand, 'counter:call-next'>, ticketId: number) => void;
} {
  const [busy, setBusy] = useState<CounterCommand | null>(null);
  const [answered, setAnswered] = useState<Ticket | null>(null);
  const [outcome, setOutcome] = useState<CommandOutcome>({ kind: 'none' });
  // A ref, so a double click cannot send a command twice before React re-renders.
  const inFlight = useRef(false);

  const send = useCallback(
    (command: CounterCommand, run: () => Promise<Result<{ readonly ticket: Ticket }>>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(command);
      void run()
        .then((result) => {
          if (result.ok) {
            setAnswered(result.value.ticket);
            setOutcome({ kind: 'none' });
          } else if (command === 'counter:call-next' && result.error.kind === 'not-found') {
            setOutcome({ kind: 'nobody-waiting' });
          } else {
            setOutcome({ kind: 'failed', error: result.error });
          }
        })
        .finally(() => {
          inFlight.current = false;
          setBusy(null);
        });
    },
    [],
  );

  const callNext = useCallback(() => send('counter:call-next', () => bridge.invoke('counter:call-next', {})), [bridge, send]);
  const act = useCallback(
    (command: Exclude<CounterCommand, 'counter:call-next'>, ticketId: number) => send(command, () => bridge.invoke(command, { ticketId })),
    [bridge, send],
  );

  return { busy, answered, outcome, callNext, act };
}
