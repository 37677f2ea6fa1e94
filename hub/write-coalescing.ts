import type { Server } from 'socket.io';

/** The parts of engine.io's connection (its `Socket`) this module touches. */
interface EngineConnection {
  readonly id: string;
  flush(): void;
  close(discard: boolean): void;
  readonly writeBuffer: readonly unknown[];
  readonly transport: { readonly socket?: { readonly _socket?: { cork?(): void; uncork?(): void } } };
}

/**
 * What a connection is sent in one turn goes out in one write.
 *
 * engine.io writes each packet the moment it is created and sends the next only when that write
 * has finished, so a command's answer and the queue event it caused — both for the device that
 * asked, produced one after the other when the database's reply is read — were two `writev`
 * calls in the hub and two reads in the device; on PostgreSQL writing was half the hub's CPU
 * (docs/province.md, "One write per turn"). Here a connection's flush waits for the turn's tick
 * queue (`process.nextTick`): frames emitted while the turn's promise jobs run — the runner's
 * answers, then the broadcast it queues right after them (hub/commands/command-runner.ts) — are
 * all in engine.io's buffer by then, and go in one `transport.send`, the TCP socket corked around
 * it so its frames leave in one `writev`. Connections flush in the order their first frame of the
 * turn was emitted: the devices answered first, then the displays.
 *
 * Nothing is dropped or reordered: engine.io's own buffer and flush do the sending, this only
 * decides when (a closing connection waits for that flush, as it waited for any write). A flush
 * that throws — which used to throw into whoever emitted — now closes that connection alone (the
 * device reconnects and is greeted with a snapshot) rather than the process. engine.io
 * 6 has no option for it: `flush` is replaced on the connection, and the TCP socket under a
 * WebSocket is ws's `_socket` — where either is missing (long polling, another version) frames
 * still go, one write each.
 */
export function coalesceWrites(io: Server): void {
  io.engine.on('connection', (connection: EngineConnection) => {
    const flushNow = connection.flush.bind(connection);
    let pending = false;
    const flushTurn = () => {
      pending = false;
      const tcp = connection.transport.socket?._socket;
      const corkable = typeof tcp?.cork === 'function' && typeof tcp.uncork === 'function';
      if (corkable) tcp.cork!();
      try {
        flushNow();
      } catch (e) {
        // Thrown from a tick of its own it would end the process; the device reconnects and resynchronises instead.
        console.error(`motcua hub: writing to connection ${connection.id} failed, closing it: ${(e as Error).message}`);
        connection.close(true); // its buffer discarded: a flush that throws would be waited for in vain
      } finally {
        if (corkable) tcp.uncork!();
      }
    };
    connection.flush = () => {
      // Every packet is pushed to the buffer before engine.io calls flush: an empty buffer (a write just finished) has nothing to wait for.
      if (pending || connection.writeBuffer.length === 0) return;
      pending = true;
      process.nextTick(flushTurn);
    };
  });
}
