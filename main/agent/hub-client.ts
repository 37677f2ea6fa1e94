import type { DossierEvent } from '../../core/dossiers/dossier';
import type { CommandName, CommandOutput, CommandRequest } from '../../core/protocol/commands';
import type { Result } from '../../core/result';
import { keepHello, readCachedHello } from './hello-cache';
import { HubStateCell, type HubClientState } from './hub-client-state';
import { HubCommandSender, type CommandOptions, type CommandTimings } from './hub-commands';
import { HubConnection, hubAddressesOf, type HubConnectionOptions } from './hub-connection';
import { HubEvents } from './hub-events';
import { restAddressOrder } from './hub-rest';

export { DOSSIER_FEED_SIZE, type HubClientState } from './hub-client-state';
export { DEFAULT_COMMAND_PATIENCE_MS, type CommandOptions } from './hub-commands';

export interface HubClientOptions extends HubConnectionOptions, CommandTimings {
  /**
   * Where to keep the last hello (JSON). At the next start it stands in until the hub answers, so a
   * counter that starts while the hub is unreachable still has its catalogue and calendar and can
   * receive dossiers into its outbox. Absent: nothing is kept.
   */
  readonly helloCacheFile?: string;
}

/**
 * The terminal's link to the hub: keeps the device's copy of the queue in step (hello, then
 * numbered events, resyncing on any gap; hub-events.ts) and sends commands, answering
 * hub-unreachable rather than waiting forever (hub-commands.ts), over one socket (hub-connection.ts).
 */
export class HubClient {
  private readonly cell = new HubStateCell();
  private readonly connection: HubConnection;
  private readonly events: HubEvents;
  private readonly sender: HubCommandSender;
  private readonly dossierListeners = new Set<(event: DossierEvent) => void>();
  private closed = false;

  constructor(private readonly options: HubClientOptions) {
    this.connection = new HubConnection(options, this.cell);
    const socket = () => this.connection.socket();
    this.events = new HubEvents(this.cell, socket, (hello) => keepHello(options.helloCacheFile, hello), (event) => {
      for (const l of [...this.dossierListeners]) l(event);
    });
    this.sender = new HubCommandSender({ socket, closed: () => this.closed }, this.cell, options);
  }

  current(): HubClientState {
    return this.cell.current();
  }

  onChange(listener: (s: HubClientState) => void): () => void {
    return this.cell.onChange(listener);
  }

  /**
   * The hub's addresses in the order a REST call tries them (hub-rest.ts): the one the socket is
   * (or was last) up on first, then the rest of the list. One address: that one, always.
   */
  restAddresses(): readonly string[] {
    return restAddressOrder(this.cell.current().hubAddress, hubAddressesOf(this.options));
  }

  /** Each dossier event the hub pushes, once, as it arrives (the feed in `current()` keeps the latest ones). */
  onDossierEvent(listener: (event: DossierEvent) => void): () => void {
    this.dossierListeners.add(listener);
    return () => this.dossierListeners.delete(listener);
  }

  start(): void {
    if (this.connection.socket()) throw new Error('HubClient.start() called twice');
    const cached = readCachedHello(this.options.helloCacheFile, this.options.deviceId);
    // The queue in a cached hello is old news: only the device, catalogue and calendar are used.
    if (cached) this.cell.set({ hello: cached, snapshot: null, problem: 'Chưa kết nối được máy chủ (đang dùng danh mục đã lưu)' });
    this.connection.open((socket) => this.events.follow(socket));
  }

  /**
   * Sends a command and resolves with the hub's answer (a refusal is an answer too). Within the
   * patience a missing answer is not a failure: the same input goes again once the link is back.
   */
  command<K extends CommandName>(name: K, input: CommandRequest<K>, opts: CommandOptions = {}): Promise<Result<CommandOutput<K>>> {
    return this.sender.command(name, input, opts);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.connection.close();
    this.sender.wakeAll();
    this.cell.clear();
    this.dossierListeners.clear();
  }
}
