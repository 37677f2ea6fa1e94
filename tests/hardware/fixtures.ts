import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrinterProfile } from '../../core/devices';
import type { TicketPrintData } from '../../hardware/printer/ticket-layout';

export const SAMPLE_QR = 'https://motcua.example.gov.vn/tra-cuu/ve/1023?ngay=2026-05-04';

export function sampleTicket(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    centreName: 'Trung tâm Phục vụ Hành chính công tỉnh Thừa Thiên Huế',
    serviceName: 'Đăng ký kinh doanh, Xây dựng, Đất đai',
    number: 1023,
    waitingAhead: 12,
    // 08:05 in Hà Nội / Huế (UTC+7).
    issuedAt: new Date('2026-05-04T01:05:00Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    counterHint: '3, 4 (tầng 1)',
    qrContent: SAMPLE_QR,
    ...overrides,
  };
}

export function printerProfile(overrides: Partial<PrinterProfile> = {}): PrinterProfile {
  return {
    id: 'printer-kiosk-1',
    model: 'Epson TM-T82III',
    interface: 'tcp://127.0.0.1:9100',
    paperWidth: 80,
    textStrategy: 'cp1258',
    codePage: 52,
    timeoutMs: 3000,
    statusQueries: 'after-print',
    ...overrides,
  };
}

export function tempDir(name: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `motcua-${name}-`));
}

/** A loopback port with nothing listening on it: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A TCP server on 127.0.0.1 whose connection behaviour a fault test chooses. */
export async function faultyServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
