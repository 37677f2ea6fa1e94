import { contextBridge, ipcRenderer } from 'electron';
import type {
  Bridge,
  BridgeEvent,
  BridgeEventName,
  BridgeInput,
  BridgeName,
  BridgeOutput,
  TerminalContext,
} from '../../core/protocol/bridge';
import { BRIDGE_CHANNEL } from '../../core/protocol/bridge-channel';
import { EventSequence } from '../../core/protocol/event-sequence';
import { err, type Result } from '../../core/result';
import { CornerTapDetector } from './admin-gesture';
import { ADMIN_CHANNEL, ADMIN_GESTURE_CHANNEL, ADMIN_PATH } from './admin-channels';

/**
 * Runs sandboxed, before the page: exposes `window.motcua` as three functions. `ipcRenderer`
 * itself never reaches the page, and the main process checks every call again.
 */


interface Subscription {
  readonly listener: (context: TerminalContext) => void;
  seen: boolean;
}

const subscriptions = new Set<Subscription>();
let latest: TerminalContext | null = null;

function deliver(subscription: Subscription, context: TerminalContext): void {
  subscription.seen = true;
  subscription.listener(context);
}

ipcRenderer.on(BRIDGE_CHANNEL.context, (_event, context: TerminalContext) => {
  latest = context;
  for (const subscription of subscriptions) deliver(subscription, context);
});

async function invoke<K extends BridgeName>(name: K, input: BridgeInput<K>): Promise<Result<BridgeOutput<K>>> {
  try {
    return (await ipcRenderer.invoke(BRIDGE_CHANNEL.invoke, name, input)) as Result<BridgeOutput<K>>;
  } catch (error) {
    return err('internal', error instanceof Error ? error.message : String(error));
  }
}

/**
 * A screen subscribes when it mounts, which may be after the main process pushed: it gets the
 * latest context at once (or fetches it), then every push.
 */
function onContext(listener: (context: TerminalContext) => void): () => void {
  const subscription: Subscription = { listener, seen: false };
  subscriptions.add(subscription);
  const known = latest;
  if (known !== null) {
    queueMicrotask(() => {
      if (subscriptions.has(subscription) && !subscription.seen) deliver(subscription, known);
    });
  } else {
    void invoke('context:get', {}).then((result) => {
      if (!result.ok) return;
      latest ??= result.value;
      // A push that arrived meanwhile is newer and was already delivered.
      if (subscriptions.has(subscription) && !subscription.seen) deliver(subscription, latest);
    });
  }
  return () => {
    subscriptions.delete(subscription);
  };
}

interface EventSubscription {
  readonly name: string;
  readonly listener: (payload: unknown) => void;
}

const eventSubscriptions = new Set<EventSubscription>();
const sequence = new EventSequence();

// Each event once, in order (its number); the page checks the payload against the contract.
ipcRenderer.on(BRIDGE_CHANNEL.event, (_event, name: unknown, payload: unknown) => {
  const seq = (payload as { readonly seq?: unknown } | null)?.seq;
  if (typeof seq !== 'number' || !sequence.take(seq)) return;
  for (const subscription of [...eventSubscriptions]) if (subscription.name === name) subscription.listener(payload);
});

/** Events from now on: unlike the context, nothing that happened before the screen subscribed is handed over. */
function onEvent<E extends BridgeEventName>(name: E, listener: (event: BridgeEvent<E>) => void): () => void {
  const subscription: EventSubscription = { name, listener: (payload) => listener(payload as BridgeEvent<E>) };
  eventSubscriptions.add(subscription);
  return () => {
    eventSubscriptions.delete(subscription);
  };
}

contextBridge.exposeInMainWorld('motcua', { invoke, onContext, onEvent } satisfies Bridge);

/**
 * The admin dialog page gets one more function, `motcuaAdmin.call`; the main process answers it
 * only for the admin window. Other pages get the hot-corner gesture instead: five taps in the
 * top-left corner within 3 s ask the main process to open the PIN dialog.
 */
interface PageEvents {
  readonly location: { readonly pathname: string; readonly protocol: string };
  addEventListener(type: 'pointerdown', listener: (event: { readonly clientX: number; readonly clientY: number; readonly timeStamp: number }) => void, options: { capture: boolean; passive: boolean }): void;
}
const page = globalThis as unknown as PageEvents;
if (page.location.pathname.startsWith(ADMIN_PATH)) {
  const call = async (name: string, payload: unknown): Promise<Result<unknown>> => {
    try {
      return (await ipcRenderer.invoke(ADMIN_CHANNEL, name, payload)) as Result<unknown>;
    } catch (error) {
      return err('internal', error instanceof Error ? error.message : String(error));
    }
  };
  contextBridge.exposeInMainWorld('motcuaAdmin', { call });
} else {
  const corner = new CornerTapDetector();
  page.addEventListener(
    'pointerdown',
    (event) => {
      if (corner.tap(event.clientX, event.clientY, event.timeStamp)) ipcRenderer.send(ADMIN_GESTURE_CHANNEL);
    },
    { capture: true, passive: true },
  );
}
