import { useCallback, useRef, useState } from 'react';
import type { Bridge } from '../../core/protocol/bridge';
import type { CounterState } from '../../core/queue/snapshot';
import type { Ticket } from '../../core/queue/types';
import type { AppError, Result } from '../../core/result';
import { ActionIds } from '../shared/command-id';

export type CounterCommand =
  | 'counter:call-next'
  | 'counter:start'
  | 'counter:complete'
  | 'counter:no-show'
  | 'counter:recall'
  | 'counter:transfer'
  | 'counter:pause'
  | 'counter:resume'
  | 'counter:sign-in'
  | 'counter:sign-out';

type TicketCommand = 'counter:start' | 'counter:complete' | 'counter:no-show' | 'counter:recall';
export type TransferTarget = { readonly toServiceId: string } | { readonly toCounterId: string };

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
  readonly act: (command: TicketCommand, ticketId: number) => void;
  readonly transfer: (ticketId: number, target: TransferTarget) => void;
  readonly pause: (reason: string) => void;
  readonly resume: () => void;
  readonly signIn: (clerkId: string, pin: string) => void;
  readonly signOut: () => void;
} {
  const [busy, setBusy] = useState<CounterCommand | null>(null);
  const [answered, setAnswered] = useState<Ticket | null>(null);
  const [outcome, setOutcome] = useState<CommandOutcome>({ kind: 'none' });
  // A ref, so a double click cannot send a command twice before React re-renders.
  const inFlight = useRef(false);
  // Each press mints its id here; a press the hub never answered keeps it for the clerk's retry.
  const ids = useRef(new ActionIds()).current;

  const send = useCallback(
    (command: CounterCommand, run: () => Promise<Result<{ readonly ticket: Ticket } | { readonly state: CounterState }>>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(command);
      void run()
        .then((result) => {
          if (result.ok) {
            // A transferred ticket has left this counter: nothing of it to keep showing.
            if (command === 'counter:transfer') setAnswered(null);
            else if ('ticket' in result.value) setAnswered(result.value.ticket);
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

  const callNext = useCallback(() => send('counter:call-next', () => ids.invoke(bridge, 'counter:call-next', {})), [bridge, send, ids]);
  const act = useCallback((command: TicketCommand, ticketId: number) => send(command, () => ids.invoke(bridge, command, { ticketId })), [bridge, send, ids]);
  const transfer = useCallback(
    (ticketId: number, target: TransferTarget) => send('counter:transfer', () => ids.invoke(bridge, 'counter:transfer', { ticketId, ...target })),
    [bridge, send, ids],
  );
  const pause = useCallback((reason: string) => send('counter:pause', () => ids.invoke(bridge, 'counter:pause', { reason })), [bridge, send, ids]);
  const resume = useCallback(() => send('counter:resume', () => ids.invoke(bridge, 'counter:resume', {})), [bridge, send, ids]);

  const signIn = useCallback((clerkId: string, pin: string) => send('counter:sign-in', () => ids.invoke(bridge, 'counter:sign-in', { clerkId, pin })), [bridge, send, ids]);
  const signOut = useCallback(() => send('counter:sign-out', () => ids.invoke(bridge, 'counter:sign-out', {})), [bridge, send, ids]);

  return { busy, answered, outcome, callNext, act, transfer, pause, resume, signIn, signOut };
}
