/**
 * Transport names, shared by the preload, the Electron main process and the agent's WebSocket
 * bridge. Kept free of zod so the sandboxed preload bundle stays small.
 */
export const BRIDGE_CHANNEL = { invoke: 'motcua:invoke', context: 'motcua:context', event: 'motcua:event' } as const;
