import { describe, expect, it } from 'vitest';
import type { AppError } from '../../core/result';
import { openTcpLink } from '../../hardware/printer/tcp-link';
import { createTicketPrinter, probePrinter } from '../../hardware/printer/ticket-printer';
import { closedPort, faultyServer, printerProfile, sampleTicket } from './fixtures';

/** One job over the raw port with no status questions: what a `statusQueries: "none"` printer gets. */
async function send(port: number, bytes: Buffer, timeoutMs: number): Promise<'delivered' | AppError> {
  const link = await openTcpLink({ host: '127.0.0.1', port }, Date.now() + timeoutMs);
  if (!link.ok) return link.error;
  link.value.write(bytes);
  const failure = await link.value.finish(Date.now() + timeoutMs);
  link.value.destroy();
  return failure ?? 'delivered';
}

describe('printer faults come back as values', () => {
  it('a closed port is printer-offline, fast, naming the address', async () => {
    const port = await closedPort();
    const started = performance.now();
    // A refused connection is known at once: it must not wait out the profile's 30 s (the margin is for a loaded machine).
    const result = await createTicketPrinter(printerProfile({ interface: `tcp://127.0.0.1:${port}`, timeoutMs: 30_000 })).print(sampleTicket());
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('printer-offline');
    expect(result.error.message).toContain(`127.0.0.1:${port}`);
    expect(result.error.message).toContain('ECONNREFUSED');
    expect(await probePrinter(printerProfile({ interface: `tcp://127.0.0.1:${port}` }))).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
  });

  it('a printer that accepts but never reads is printer-timeout within the profile’s time', async () => {
    // The socket is paused: bytes sit in kernel buffers, the printer never reads to our end-of-stream, never closes.
    const server = await faultyServer((socket) => socket.pause());
    try {
      const started = performance.now();
      const result = await createTicketPrinter(printerProfile({ interface: `tcp://127.0.0.1:${server.port}`, timeoutMs: 200 })).print(sampleTicket());
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({ ok: false, error: { kind: 'printer-timeout' } });
      expect(elapsed).toBeGreaterThanOrEqual(190);
      // Ends by the profile's timeout, not by the test's: a wide upper bound, for a loaded machine.
      expect(elapsed).toBeLessThan(10_000);
      if (!result.ok) expect(result.error.message).toContain('200 ms');
    } finally {
      await server.close();
    }
  });

  it('a printer that resets the connection on accept is printer-offline', async () => {
    const server = await faultyServer((socket) => socket.resetAndDestroy());
    try {
      const result = await createTicketPrinter(printerProfile({ interface: `tcp://127.0.0.1:${server.port}` })).print(sampleTicket());
      expect(result).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
    } finally {
      await server.close();
    }
  });

  it('a printer that hangs up mid-job is an error, never a success', async () => {
    // 8 MB cannot fit in socket buffers: the printer closes with bytes unread, which resets the connection.
    const server = await faultyServer((socket) => socket.once('data', () => socket.destroy()));
    try {
      const result = await send(server.port, Buffer.alloc(8 * 1024 * 1024, 0x41), 5000);
      expect(result).toMatchObject({ kind: 'printer-offline' });
      if (result !== 'delivered') expect(result.message).toMatch(/127\.0\.0\.1:\d+ ngắt kết nối giữa chừng|đóng kết nối trước khi nhận hết/);
    } finally {
      await server.close();
    }
  });

  it('a printer that reads everything and closes in return is a success', async () => {
    let received = 0;
    const server = await faultyServer((socket) => socket.on('data', (chunk: Buffer) => (received += chunk.length)));
    try {
      const payload = Buffer.alloc(2 * 1024 * 1024, 0x42);
      const result = await send(server.port, payload, 5000);
      expect(result).toBe('delivered');
      expect(received).toBe(payload.length);
    } finally {
      await server.close();
    }
  });

  it('a malformed printer address is invalid-input, not a crash', async () => {
    const result = await createTicketPrinter(printerProfile({ interface: 'usb://printer' })).print(sampleTicket());
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('ticket data that cannot be a ticket is invalid-input, and nothing is sent', async () => {
    let connections = 0;
    const server = await faultyServer(() => (connections += 1));
    try {
      const result = await createTicketPrinter(printerProfile({ interface: `tcp://127.0.0.1:${server.port}` })).print(sampleTicket({ timeZone: 'Nowhere/Void' }));
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(connections).toBe(0);
    } finally {
      await server.close();
    }
  });
});
