import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  BRIDGE_CHANNEL,
  type BridgeEventMessage,
  type BridgeHandlers,
  type TerminalContext,
} from '../../core/protocol/bridge';
import { err, type Result } from '../../core/result';
import { dispatchBridgeCall } from '../agent/bridge-dispatch';
import { isTrustedSender } from './security';

/** The part of the terminal agent the bridge needs. */
export interface BridgeHost {
  readonly handlers: BridgeHandlers;
  onContext(listener: (context: TerminalContext) => void): () => void;
  onEvent(listener: (event: BridgeEventMessage) => void): () => void;
}

/**
 * Answers `window.motcua.invoke` for the app's own windows only; every other sender, name or
 * input gets an error value and changes nothing. Returns the function that unregisters it.
 */
export function serveBridge(host: BridgeHost, trustedWebContentsIds: ReadonlySet<number>): () => void {
  ipcMain.handle(BRIDGE_CHANNEL.invoke, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(senderOf(event), trustedWebContentsIds)) {
      return err('forbidden', 'This frame may not use the terminal bridge');
    }
    return dispatchBridgeCall(host.handlers, name, input);
  });
  return () => ipcMain.removeHandler(BRIDGE_CHANNEL.invoke);
}

/** Pushes every new context to whichever window is current; returns the unsubscribe function. */
export function pushContext(host: BridgeHost, target: () => WebContents | null): () => void {
  return host.onContext((context) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(BRIDGE_CHANNEL.context, context);
  });
}

/** Sends every bridge event (a scan, a dossier notice) to the window current when it happens; returns the unsubscribe function. */
export function pushEvents(host: BridgeHost, target: () => WebContents | null): () => void {
  return host.onEvent((event) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(BRIDGE_CHANNEL.event, event.name, event.payload);
  });
}

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}
