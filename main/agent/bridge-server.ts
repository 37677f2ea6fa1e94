import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { BRIDGE_CHANNEL, type BridgeEventMessage, type BridgeHandlers, type TerminalContext } from '../../core/protocol/bridge';
import { VOICE_MANIFEST_FILE } from '../../hardware/audio/voice-manifest';
import { dispatchBridgeCall } from './bridge-dispatch';
import { LaunchCodes } from './launch-codes';
import { writeLaunchControl } from './launch-control';
import { readCookie, sessionCookieName } from './launch-cookie';
import { launchPath, registerLaunchRoutes } from './launch-routes';
import { LaunchSessions } from './launch-sessions';
import type { Result } from '../../core/result';
import { MAX_RESULT_BYTES } from '../../core/dossiers/result-files';

export interface BridgeHost {
  readonly handlers: BridgeHandlers;
  context(): TerminalContext;
  onContext(listener: (c: TerminalContext) => void): () => void;
  /** Scans and dossier notices as they happen (absent: a host that has none); sent live, never replayed to a page that connects later. */
  onEvent?(listener: (event: BridgeEventMessage) => void): () => void;
  /**
   * Files the screens show by URL rather than through the bridge (a scanned page's preview, a
   * dossier's PDF): served at `/files/<kind>/<id>`, behind the same session cookie as the bridge.
   */
  file?(kind: BridgeFileKind, id: string): Promise<Result<{ readonly contentType: string; readonly body: Buffer }>>;
}

export const BRIDGE_FILE_KINDS = ['scan-preview', 'dossier-pdf', 'dossier-result'] as const;
export type BridgeFileKind = (typeof BRIDGE_FILE_KINDS)[number];

/** The URL a screen uses for a file; the browser's session cookie (or Electron's app:// protocol) authenticates it. */
export function bridgeFilePath(kind: BridgeFileKind, id: string): string {
  return `/files/${kind}/${encodeURIComponent(id)}`;
}

export interface BridgeServerOptions {
  readonly agent: BridgeHost;
  /** The renderer build (dist/renderer). */
  readonly staticDir: string;
  /** The voice build (holding clips/), served at /voice/ when its clips are there. Default: dist/voice beside staticDir. */
  readonly voiceDir?: string;
  readonly host?: string;
  readonly port?: number;
  /** The clock of launch-code and session expiry (default: the system's). */
  readonly clock?: () => Date;
  /** How long a launch code may wait to be opened (default 5 minutes). */
  readonly launchCodeTtlMs?: number;
  /** How long a browser session lasts unused (default 12 hours; sliding). */
  readonly sessionIdleMs?: number;
  /**
   * The browser sessions, when they must outlive this server (a bridge restarted in the same
   * process, as tests do); by default a new set per server, so a restarted agent needs a new launch.
   */
  readonly sessions?: LaunchSessions;
  /** Where to write the control file `motcua launch-code` reads (main/agent/launch-control.ts); none: no control route. */
  readonly controlFile?: string;
}

export interface StartedBridge {
  readonly port: number;
  /** The page's clean address (no secret): where a launch lands; `voice=` when clips are served. */
  readonly pageUrl: string;
  /** A one-time launch address, `http://HOST:PORT/launch/<code>`, to print or open once. */
  readonly launchUrl: string;
  /** Where the display finds its clips (also `voice=` in `pageUrl`), or null when none are built. */
  readonly voice: string | null;
}

/**
 * Serves the renderer to a browser on loopback, with the bridge over Socket.IO at /bridge.
 * No secret ever sits in a URL: the agent prints a one-time launch address, which the browser
 * trades for an HttpOnly, SameSite=Strict session cookie (main/agent/launch-routes.ts); the
 * bridge and the files want that cookie, so another local page or user cannot drive the terminal.
 */
export class BridgeServer {
  private app: FastifyInstance | null = null;
  private io: Server | null = null;
  private unsubscribe: (() => void)[] = [];
  private origin: string | null = null;
  private removeControl: (() => void) | null = null;
  private readonly codes: LaunchCodes;
  private readonly sessions: LaunchSessions;

  constructor(private readonly options: BridgeServerOptions) {
    const clock = options.clock ?? (() => new Date());
    this.codes = new LaunchCodes({ clock, ttlMs: options.launchCodeTtlMs });
    this.sessions = options.sessions ?? new LaunchSessions({ clock, idleMs: options.sessionIdleMs });
  }

  async start(): Promise<StartedBridge> {
    if (this.app) throw new Error('BridgeServer.start() called twice');
    const { agent, staticDir } = this.options;
    if (!existsSync(staticDir)) throw new Error(`Renderer build not found at ${staticDir}: run "npm run build" first.`);
    let port = 0;
    const cookieName = () => sessionCookieName(port);
    const sessionOf = (cookieHeader: string | undefined) => readCookie(cookieHeader, cookieName());
    // Closing does not wait for the pages: their Socket.IO clients reconnect at once over kept-alive
    // connections, which would keep a graceful close waiting for as long as a page stays open.
    const app = Fastify({ logger: false, forceCloseConnections: true });
    this.app = app;
    // No page of the terminal tells another site where it came from (a file's address, a launch path).
    app.addHook('onRequest', async (_req, reply) => {
      reply.header('referrer-policy', 'no-referrer');
    });
    await app.register(fastifyStatic, { root: staticDir, index: 'index.html' });
    // The display learns where the clips are from `voice=` in the URL below: without clips it
    // stays silent instead of asking for files that are not there.
    const voiceDir = this.options.voiceDir ?? path.join(path.dirname(staticDir), 'voice');
    const voice = existsSync(path.join(voiceDir, 'clips', VOICE_MANIFEST_FILE)) ? '/voice/clips/' : null;
    if (voice !== null) await app.register(fastifyStatic, { root: voiceDir, prefix: '/voice/', decorateReply: false });
    const pagePath = voice === null ? '/' : `/?voice=${encodeURIComponent(voice)}`;
    let control: { readonly secret: string; remove(): void } | null = null;
    registerLaunchRoutes(app, {
      codes: this.codes,
      sessions: this.sessions,
      cookieName,
      pagePath,
      launchUrl: () => this.launchUrl(),
      controlSecret: this.options.controlFile === undefined ? undefined : () => control?.secret ?? null,
    });
    app.get<{ Params: { kind: string; id: string } }>('/files/:kind/:id', async (req, reply) => {
      if (!this.sessions.touch(sessionOf(req.headers.cookie))) return reply.code(401).send({ ok: false, error: { kind: 'unauthorized', message: 'Cần mở màn hình bằng địa chỉ máy trạm in ra.' } });
      const kind = req.params.kind;
      if (!(BRIDGE_FILE_KINDS as readonly string[]).includes(kind) || !agent.file) return reply.code(404).send({ ok: false, error: { kind: 'not-found', message: `no files of kind "${kind}"` } });
      const r = await agent.file(kind as BridgeFileKind, req.params.id);
      if (!r.ok) return reply.code(r.error.kind === 'not-found' ? 404 : r.error.kind === 'hub-unreachable' ? 503 : 400).send(r);
      return reply.header('cache-control', 'no-store').type(r.value.contentType).send(r.value.body);
    });
    // A result file the back office attaches travels as one binary bridge call (up to 50 MB).
    const io = new Server(app.server, { path: '/bridge', serveClient: false, maxHttpBufferSize: MAX_RESULT_BYTES + 1024 * 1024 });
    this.io = io;
    // Engine.IO answers its own HTTP requests (long-polling, the upgrade), outside Fastify's hooks.
    const noReferrer = (headers: Record<string, string>) => {
      headers['Referrer-Policy'] = 'no-referrer';
    };
    io.engine.on('initial_headers', noReferrer);
    io.engine.on('headers', noReferrer);
    // The page's handshake carries the session cookie (same origin: the browser sends it by itself).
    // A browser also names the page that opens the socket: one from another origin (another port on
    // this host, which SameSite does not tell apart) is refused even with the cookie.
    io.use((socket, next) => {
      if (!sameOrigin(socket.handshake.headers.origin, socket.handshake.headers.host)) return next(new Error('unauthorized'));
      const detach = this.sessions.attach(sessionOf(socket.handshake.headers.cookie));
      if (detach === null) return next(new Error('unauthorized'));
      socket.once('disconnect', detach);
      next();
    });
    io.on('connection', (socket) => {
      socket.emit(BRIDGE_CHANNEL.context, agent.context());
      socket.on(BRIDGE_CHANNEL.invoke, async (...args: unknown[]) => {
        const ack = args.at(-1);
        if (typeof ack !== 'function') return;
        ack(await dispatchBridgeCall(agent.handlers, args[0], args.length > 2 ? args[1] : undefined));
      });
    });
    this.unsubscribe.push(agent.onContext((c) => io.emit(BRIDGE_CHANNEL.context, c)));
    // Only to the pages connected now: a page that connects later never gets an old scan as new.
    if (agent.onEvent) this.unsubscribe.push(agent.onEvent((e) => io.emit(BRIDGE_CHANNEL.event, e.name, e.payload)));
    const host = this.options.host ?? '127.0.0.1';
    await app.listen({ host, port: this.options.port ?? 0 });
    const addr = app.server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
    const origin = (this.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    if (this.options.controlFile !== undefined) {
      control = writeLaunchControl(this.options.controlFile, origin);
      this.removeControl = control.remove;
    }
    return { port, pageUrl: `${origin}${pagePath}`, launchUrl: this.launchUrl(), voice };
  }

  /** A new one-time launch address (valid for a few minutes, for one browser). */
  launchUrl(): string {
    if (this.origin === null) throw new Error('BridgeServer.launchUrl() before start()');
    return `${this.origin}${launchPath(this.codes.mint())}`;
  }

  async close(): Promise<void> {
    this.removeControl?.();
    this.removeControl = null;
    this.origin = null;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.io) await new Promise<void>((resolve) => this.io!.close(() => resolve()));
    this.io = null;
    await this.app?.close().catch(() => undefined);
    this.app = null;
  }
}

/** Whether a handshake's Origin (absent for non-browser clients) is the server it reached. */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
