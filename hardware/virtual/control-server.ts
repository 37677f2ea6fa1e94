import http from 'node:http';
import { VIRTUAL_PRINTER_STATES, isVirtualPrinterState } from './printer-state';
import type { VirtualPrinter } from './virtual-printer';

/**
 * A tiny HTTP API to change a running virtual printer's state from outside
 * its process — a demo, a manual test of the kiosk's error screens:
 *
 *   curl http://127.0.0.1:9101/state                       → {"state":"ok",…}
 *   curl -X PUT --data paper-out http://127.0.0.1:9101/state
 *
 * Loopback by default; it has no authentication, like the printer itself.
 */

const MAX_BODY = 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body)}\n`);
}

function describe(printer: VirtualPrinter): object {
  return { state: printer.state, bufferedBytes: printer.bufferedBytes, jobs: printer.jobs.length, states: VIRTUAL_PRINTER_STATES };
}

export interface ControlServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startControlServer(printer: VirtualPrinter, options: { readonly host?: string; readonly port?: number } = {}): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/state') return send(res, 404, { error: 'only /state exists' });
    if (req.method === 'GET') return send(res, 200, describe(printer));
    if (req.method !== 'PUT' && req.method !== 'POST') return send(res, 405, { error: 'GET or PUT' });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => {
      const wanted = body.trim().replace(/^"|"$/g, '');
      if (!isVirtualPrinterState(wanted)) return send(res, 400, { error: `unknown state "${wanted}"`, states: VIRTUAL_PRINTER_STATES });
      printer.setState(wanted);
      send(res, 200, describe(printer));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('control server: unexpected address');
  return {
    port: address.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
