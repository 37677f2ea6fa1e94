import type { Session } from 'electron';
import { isPermissionAllowed, type WindowRole } from './security';

/**
 * Deny-by-default permissions for the session that shows the renderer. `currentRole` is read on
 * every request because the role is only known once the hub has identified the device.
 */
export function hardenSession(session: Session, currentRole: () => WindowRole | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(currentRole(), permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(currentRole(), permission, requestingOrigin),
  );
  // USB, HID and serial devices belong to the main process (hardware/), never to the page.
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Downloads have nowhere sensible to go on a kiosk.
  session.on('will-download', (event) => event.preventDefault());
}
