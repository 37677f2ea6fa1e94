import { z } from 'zod';
import { DeviceStatusSchema } from '../../core/devices';
import { DossierEventSchema, type DossierEvent } from '../../core/dossiers/dossier';
import { resultSchema } from '../../core/protocol/result-schema';
import { HelloSchema, QueueEventSchema, QueueEventsSchema, QueueSnapshotSchema, type Hello } from '../../core/protocol/socket';
import { applyQueueEvent, type QueueEvent } from '../../core/queue/snapshot';
import { DOSSIER_FEED_SIZE, type HubStateCell } from './hub-client-state';
import type { HubSocket } from './hub-connection';

/**
 * Keeps the device's copy of the hub's state in step with what the hub pushes: the hello, then
 * numbered queue events (resyncing on any gap), the devices' statuses and the dossier feed.
 * Every payload is checked before it is applied.
 */
export class HubEvents {
  constructor(
    private readonly cell: HubStateCell,
    /** The socket now (null once the client is closed): a resync asks on it. */
    private readonly socket: () => HubSocket | null,
    private readonly keepHello: (hello: Hello) => void,
    /** Told each dossier event once, as it arrives (the terminal's dossier notices). */
    private readonly dossierNotice: (event: DossierEvent) => void = () => {},
  ) {}

  follow(socket: HubSocket): void {
    socket.on('session:hello', (raw) => {
      const hello = HelloSchema.safeParse(raw);
      if (!hello.success) {
        this.cell.set({ problem: 'Máy chủ gửi dữ liệu không hợp lệ (phiên bản khác?)' });
        return;
      }
      this.cell.set({ hello: hello.data, snapshot: hello.data.snapshot });
      this.keepHello(hello.data);
    });
    socket.on('queue:snapshot', (raw) => {
      const snap = QueueSnapshotSchema.safeParse(raw);
      if (snap.success) this.cell.set({ snapshot: snap.data });
    });
    socket.on('devices:status', (raw) => {
      const devices = z.array(DeviceStatusSchema).safeParse(raw);
      if (devices.success) this.cell.set({ devices: devices.data });
    });
    socket.on('dossier:event', (raw) => {
      const event = DossierEventSchema.safeParse(raw);
      if (!event.success) return;
      this.cell.set({ dossierFeed: [event.data, ...this.cell.current().dossierFeed].slice(0, DOSSIER_FEED_SIZE) });
      this.dossierNotice(event.data);
    });
    socket.on('queue:events', (raw) => {
      const events = QueueEventsSchema.safeParse(raw);
      // A frame we cannot read still carried events: the snapshot would miss them, so ask for a fresh one.
      if (events.success) this.applyEvents(events.data);
      else if (this.cell.current().snapshot) void this.resync();
    });
    // Hubs before `queue:events` send one event per frame.
    socket.on('queue:event', (raw) => {
      const event = QueueEventSchema.safeParse(raw);
      if (event.success) this.applyEvents([event.data]);
    });
  }

  /** Applies broadcast events in order, publishing the snapshot once; on a gap, a new day or a transfer, resyncs. */
  private applyEvents(events: readonly QueueEvent[]): void {
    const before = this.cell.current().snapshot;
    if (!before) return;
    let snapshot = before;
    for (const event of events) {
      const next = applyQueueEvent(snapshot, event);
      if (!next) {
        void this.resync();
        return;
      }
      snapshot = next;
    }
    if (snapshot !== before) this.cell.set({ snapshot });
  }

  private async resync(): Promise<void> {
    try {
      const r = resultSchema(QueueSnapshotSchema).safeParse(await this.socket()?.timeout(5000).emitWithAck('sync:snapshot'));
      if (r.success && r.data.ok) this.cell.set({ snapshot: r.data.value });
    } catch {
      // The next reconnect brings a hello with a fresh snapshot.
    }
  }
}
