import type { TerminalContext } from '../../../core/protocol/bridge';
import type { Ticket } from '../../../core/queue/types';
import type { CounterTab } from './CounterTabs';
import './dossier.css';
import { ReceiveDesk } from './ReceiveDesk';
import { ReturnDesk } from './ReturnDesk';

/**
 * The receiving and returning desks. Both stay mounted while the clerk switches tabs, so a
 * half-filled dossier survives a look at the queue; only the visible one listens to scanners.
 */
export function DossierDesks({
  context,
  tab,
  opening,
  ticket,
  onReturned,
}: {
  readonly context: TerminalContext;
  readonly tab: CounterTab;
  readonly opening: { readonly code: string } | null;
  /** The ticket at this counter (called or being served), if any. */
  readonly ticket: Ticket | null;
  readonly onReturned: () => void;
}) {
  return (
    <>
      <div className="cd-pane" hidden={tab !== 'receive'}>
        <ReceiveDesk context={context} ticket={ticket} active={tab === 'receive'} />
      </div>
      <div className="cd-pane" hidden={tab !== 'returns'}>
        <ReturnDesk context={context} active={tab === 'returns'} open={opening} onReturned={onReturned} />
      </div>
    </>
  );
}
