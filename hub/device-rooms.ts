import type { DeviceRegistry } from './device-registry';
import { centreRoom, countersRoom, departmentRoom, deviceRoom, type DossierService } from './dossiers/dossier-service';
import type { HubIo } from './realtime';

/**
 * Every device joins its centre's room (the queue's broadcasts); a back-office device joins its
 * department's room, so only that department hears of its dossiers, from whichever centre received
 * them; every counter of the centre hears of every dossier of the centre; each device has a room
 * of its own (a fresh hello after sign-in). Call before the realtime layer greets the connection.
 */
export function joinRoomsOnConnection(io: HubIo, registry: DeviceRegistry, dossiers: Pick<DossierService, 'departmentOf'>, centreId: string): void {
  io.on('connection', (socket) => {
    const { deviceId } = socket.data;
    void socket.join(deviceRoom(deviceId));
    void socket.join(centreRoom(centreId));
    const departmentId = dossiers.departmentOf(deviceId);
    if (departmentId) void socket.join(departmentRoom(departmentId));
    if (registry.all().find((d) => d.id === deviceId)?.role === 'counter') void socket.join(countersRoom(centreId));
  });
}
