import { createHash } from 'node:crypto';
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import { Server } from 'socket.io';
import type { DossierEvent } from '../core/dossiers/dossier';
import { adapterPool } from './store/pg/adapter-pool';

/**
 * The Socket.IO adapter channels of a province (docs/province.md, "The command rate on
 * PostgreSQL"). A centre's live events — its queue, its devices, its counters — go on a channel of
 * that centre, heard only by the hub processes serving it; before, every centre's hub shared one
 * channel, so PostgreSQL delivered each broadcast to every hub of every centre (40 listeners for
 * 2 processes × 20 centres), each parsing it and encoding it for rooms it has no socket in.
 */

/** A centre's channel prefix: short and plain whatever the centre id (LISTEN takes an identifier of at most 63 bytes). */
export function centreChannelPrefix(centreId: string): string {
  return `motcua-c-${createHash('sha256').update(centreId).digest('hex').slice(0, 16)}`;
}

/** The province-wide channel: what crosses centres (a dossier event for an agency's back office). */
export const PROVINCE_CHANNEL_PREFIX = 'motcua-province';

type DossierDelivery = (event: DossierEvent) => void;

interface Member {
  readonly centreId: string;
  readonly deliver: DossierDelivery;
}

/** One relay per pool: the centres a process serves on its pool share it (one LISTEN connection, one heartbeat). */
const RELAYS = new WeakMap<pg.Pool, ProvinceRelay>();

/**
 * What crosses centres, on the province channel: a server-side emit of the same maintained
 * adapter, through a Socket.IO server of its own that serves no socket, one per pool (so per
 * process for hub/centre-hubs.ts). A dossier event of one centre reaches the agency's back office
 * wherever it is connected: every other centre's hub — of this process directly, of other
 * processes through the channel — hands it to its own sockets in the agency's room; the centre's
 * own hubs have it already from the centre's channel. Heartbeats are rare (60 s): nothing here
 * waits for answers.
 */
export class ProvinceRelay {
  private readonly io: Server;
  private readonly members = new Set<Member>();

  private constructor(
    private readonly pool: pg.Pool,
    errorHandler: (e: Error) => void,
  ) {
    this.io = new Server({ adapter: createAdapter(adapterPool(pool), { channelPrefix: PROVINCE_CHANNEL_PREFIX, heartbeatInterval: 60_000, heartbeatTimeout: 120_000, errorHandler }) });
    this.io.on('dossier:event', (fromCentre: string, event: DossierEvent) => this.deliver(fromCentre, event));
  }

  /** A centre's hub joins its pool's relay; `leave()` when it closes (the last one closes the relay). */
  static join(pool: pg.Pool, centreId: string, deliver: DossierDelivery, errorHandler: (e: Error) => void): { dossierEvent: DossierDelivery; leave: () => Promise<void> } {
    let relay = RELAYS.get(pool);
    if (!relay) {
      relay = new ProvinceRelay(pool, errorHandler);
      RELAYS.set(pool, relay);
    }
    const member: Member = { centreId, deliver };
    relay.members.add(member);
    const joined = relay;
    return { dossierEvent: (event) => joined.send(centreId, event), leave: () => joined.leave(member) };
  }

  /** To every other centre's hub: of this process at once, of the others through the channel (this server never hears its own emit). */
  private send(fromCentre: string, event: DossierEvent): void {
    this.deliver(fromCentre, event);
    this.io.serverSideEmit('dossier:event', fromCentre, event);
  }

  private deliver(fromCentre: string, event: DossierEvent): void {
    for (const m of this.members) if (m.centreId !== fromCentre) m.deliver(event);
  }

  private async leave(member: Member): Promise<void> {
    if (!this.members.delete(member) || this.members.size > 0) return;
    RELAYS.delete(this.pool);
    // Stops listening: the adapter gives its LISTEN connection back to the pool.
    await this.io.of('/').adapter.close();
  }
}
