import type { CentreDefinition } from '../core/centre';
import type { DeviceInfo } from '../core/devices';
import type { Hello } from '../core/protocol/socket';
import { offlineNumberBlock } from '../core/queue/rules';
import type { HubServices } from './hub-services';

/** What a device hears on each (re)connection: who it is, the catalogue, the current state. */
export async function helloFor(device: DeviceInfo, config: CentreDefinition, services: Pick<HubServices, 'clerks' | 'queue' | 'officers' | 'departmentOfDevice' | 'centres'>): Promise<Hello> {
  const { clerks, queue, officers } = services;
  return {
    protocol: 1,
    device,
    centre: {
      name: config.centre.name,
      timeZone: config.centre.timeZone,
      onPrintFailure: config.centre.onPrintFailure,
      ...(config.hub.publicBaseUrl ? { publicBaseUrl: config.hub.publicBaseUrl } : {}),
    },
    services: [...config.services],
    counters: [...config.counters],
    // The block size resolved, so a kiosk never guesses a default other than the hub's.
    rules: { ...config.queue, offlineNumberBlock: offlineNumberBlock(config.queue) },
    clerks: clerks.list(),
    snapshot: await queue.snapshot(),
    dossiers: {
      codePrefix: config.dossierCodePrefix,
      departments: [...config.departments],
      procedures: [...config.procedures],
      calendar: config.calendar,
      // Where a result may be collected: the counter's receive form offers these (this centre first, the default).
      centre: services.centres.here,
      collectCentres: [...services.centres.centres],
    },
    officers: device.role === 'backoffice' ? officers.ofDepartment(services.departmentOfDevice(device.id)) : [],
    officer: device.role === 'backoffice' ? await officers.at(device.id) : null,
  };
}
