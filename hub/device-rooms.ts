import type { DeviceRegistry } from './device-registry';
import { COUNTERS_ROOM, departmentRoom, deviceRoom, type DossierService } from './dossiers/dossier-service';
import type { HubIo } from './realtime';

/**
 * A back-office device joins its department's room, so only that department hears of its
 * dossiers; every counter hears of every dossier; each device has a room of its own (a fresh
 * hello after sign-in). Call before the realtime layer greets the connection.
 */
export function joinRoomsOnConnection(io: HubIo, registry: DeviceRegistry, dossiers: Pick<DossierService, 'departmentOf'>): void {
  io.on('connection', (socket) => {
    const { deviceId } = socket.data;
    void socket.join(deviceRoom(deviceId));
    const departmentId = dossiers.departmentOf(deviceId);
    if (departmentId) void socket.join(departmentRoom(departmentId));
    if (registry.all().find((d) => d.id === deviceId)?.role === 'counter') void socket.join(COUNTERS_ROOM);
  });
}
