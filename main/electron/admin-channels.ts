/** IPC channel names of the admin dialog; zod-free so the sandboxed preload bundle stays small. */
export const ADMIN_CHANNEL = 'motcua:admin';
/** Sent by the preload of the app's window when the hot-corner gesture completes. */
export const ADMIN_GESTURE_CHANNEL = 'motcua:admin-gesture';
/** Where the shell serves the admin dialog page (app://motcua/__admin/). */
export const ADMIN_PATH = '/__admin/';
