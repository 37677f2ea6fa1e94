import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { BRIDGE_CHANNEL, type BridgeEventMessage, type BridgeHandlers, type TerminalContext } from '../../core/protocol/bridge';
import { VOICE_MANIFEST_FILE } from '../../hardware/audio/voice-manifest';
import { dispatchBridgeCall } from './bridge-dispatch';
import type { Result } from '../../core/result';

export interface BridgeHost {
  readonly handlers: BridgeHandlers;
  context(): TerminalContext;
  onContext(listener: (c: TerminalContext) => void): () => void;
  /** Scans and dossier notices as they happen (absent: a host that has none); sent live, never replayed to a page that connects later. */
  onEvent?(listener: (event: BridgeEventMessage) => void): () => void;
  /**
   * Files the screens show by URL rather than through the bridge (a scanned page's preview, a
   * dossier's PDF): served at `/files/<kind>/<id>?token=…`, behind the same token as the bridge.
   */
  file?(kind: BridgeFileKind, id: string): Promise<Result<{ readonly contentType: string; readonly body: Buffer }>>;
}

export const BRIDGE_FILE_KINDS = ['scan-preview', 'dossier-pdf'] as const;
export type BridgeFileKind = (typeof BRIDGE_FILE_KINDS)[number];

/** The URL a screen uses for a file; the bridge token is added by the renderer (renderer/bridge/terminal-link.ts). */
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
  /** Fixed token (tests); by default a new random one per start. */
  readonly token?: string;
}

/**
 * Serves the renderer to a browser on loopback, with the bridge over Socket.IO at /bridge.
 * The bridge needs the per-start token that is printed in the URL, so another local page
 * or user cannot drive the terminal.
 */
export class BridgeServer {
  private app: FastifyInstance | null = null;
  private io: Server | null = null;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly options: BridgeServerOptions) {}

  /** `voice`: where the display finds its clips (also in `url` as `voice=`), or null when none are built. */
  async start(): Promise<{ url: string; port: number; token: string; voice: string | null }> {
    if (this.app) throw new Error('BridgeServer.start() called twice');
    const { agent, staticDir } = this.options;
    if (!existsSync(staticDir)) throw new Error(`Renderer build not found at ${staticDir}: run "npm run build" first.`);
    const token = this.options.token ?? randomBytes(18).toString('base64url');
    const expected = Buffer.from(token);
    // Closing does not wait for the pages: their Socket.IO clients reconnect at once over kept-alive
    // connections, which would keep a graceful close waiting for as long as a page stays open.
    const app = Fastify({ logger: false, forceCloseConnections: true });
    this.app = app;
    await app.register(fastifyStatic, { root: staticDir, index: 'index.html' });
    // The display learns where the clips are from `voice=` in the URL below: without clips it
    // stays silent instead of asking for files that are not there.
    const voiceDir = this.options.voiceDir ?? path.join(path.dirname(staticDir), 'voice');
    const voice = existsSync(path.join(voiceDir, 'clips', VOICE_MANIFEST_FILE)) ? '/voice/clips/' : null;
    if (voice !== null) await app.register(fastifyStatic, { root: voiceDir, prefix: '/voice/', decorateReply: false });
    app.get<{ Params: { kind: string; id: string }; Querystring: { token?: string } }>('/files/:kind/:id', async (req, reply) => {
      const given = Buffer.from(String(req.query.token ?? ''));
      if (!(given.length === expected.length && timingSafeEqual(given, expected))) return reply.code(401).send({ ok: false, error: { kind: 'unauthorized', message: 'token' } });
      const kind = req.params.kind;
      if (!(BRIDGE_FILE_KINDS as readonly string[]).includes(kind) || !agent.file) return reply.code(404).send({ ok: false, error: { kind: 'not-found', message: `no files of kind "${kind}"` } });
      const r = await agent.file(kind as BridgeFileKind, req.params.id);
      if (!r.ok) return reply.code(r.error.kind === 'not-found' ? 404 : r.error.kind === 'hub-unreachable' ? 503 : 400).send(r);
      return reply.header('cache-control', 'no-store').type(r.value.contentType).send(r.value.body);
    });
    const io = new Server(app.server, { path: '/bridge', serveClient: false });
    this.io = io;
    io.use((socket, next) => {
      const given = Buffer.from(String((socket.handshake.auth as { token?: unknown }).token ?? ''));
      if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
      next(new Error('unauthorized'));
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
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const voiceParam = voice === null ? '' : `&voice=${encodeURIComponent(voice)}`;
    return { url: `http://${host}:${port}/?token=${encodeURIComponent(token)}${voiceParam}`, port, token, voice };
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.io) await new Promise<void>((resolve) => this.io!.close(() => resolve()));
    this.io = null;
    await this.app?.close().catch(() => undefined);
    this.app = null;
  }
}
