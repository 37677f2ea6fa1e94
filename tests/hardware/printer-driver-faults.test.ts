import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterProfile } from '../../core/devices';
import { createPrinter } from '../../hardware/printer/thermal-printer';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { VirtualPrinterState } from '../../hardware/virtual/virtual-printer';
import { faultyServer, tempDir } from './fixtures';
import { profileFor, sampleDocument } from './printing-support';

/**
 * The driver against a printer in every fault: the kiosk must never hear
 * "printed" for a ticket that did not come out, must hear why, and must not
 * wait for ever.
 */

const ticket = sampleDocument('ticket');
const receipt = sampleDocument('receipt');

describe('createPrinter against the virtual printer', () => {
  let printer: VirtualPrinter;
  let profile: PrinterProfile;

  beforeEach(async () => {
    printer = new VirtualPrinter({ outDir: await tempDir('driver-faults') });
    const { port } = await printer.start();
    profile = profileFor('cp1258', 80, { interface: `tcp://127.0.0.1:${port}`, timeoutMs: 2000 });
  });
  afterEach(() => printer.close());

  const cutJobs = async (): Promise<number> => {
    await printer.settled();
    return printer.jobs.filter((j) => j.cut).length;
  };

  it('ok: status ok, the ticket prints and the printer has confirmed it', async () => {
    const driver = createPrinter(profile);
    expect(await driver.status()).toEqual({ ok: true, value: 'ok' });
    const printed = await driver.print(ticket);
    expect(printed).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(await cutJobs()).toBe(1);
  });

  it('paper near end: still prints, and says so for the admin', async () => {
    printer.setState('paper-near-end');
    const driver = createPrinter(profile);
    expect(await driver.status()).toEqual({ ok: true, value: 'paper-near-end' });
    expect(await driver.print(ticket)).toMatchObject({ ok: true, value: { status: 'paper-near-end' } });
    expect(await cutJobs()).toBe(1);
  });

  const faults: [VirtualPrinterState, string][] = [
    ['paper-out', 'paper-out'],
    ['cover-open', 'cover-open'],
    ['offline', 'printer-offline'],
  ];

  it.each(faults)('%s: status and print fail as %s, nothing is sent, nothing prints — even once the fault clears', async (state, kind) => {
    printer.setState(state);
    const driver = createPrinter(profile);
    expect(await driver.status()).toMatchObject({ ok: false, error: { kind } });
    expect(await driver.print(ticket)).toMatchObject({ ok: false, error: { kind } });
    expect(printer.bufferedBytes).toBe(0);
    printer.setState('ok');
    expect(await cutJobs()).toBe(0);
    // Fixed: the next ticket prints.
    expect(await driver.print(ticket)).toMatchObject({ ok: true });
    expect(await cutJobs()).toBe(1);
  });

  it.each([
    ['paper-out', 'paper-out'],
    ['cover-open', 'cover-open'],
  ] as const)('%s in the middle of a receipt: %s, no cut job, and the rest never prints later', async (state, kind) => {
    printer.armFault(state, 700);
    const printed = await createPrinter(profile).print(receipt);
    expect(printed).toMatchObject({ ok: false, error: { kind } });
    printer.setState('ok');
    expect(await cutJobs()).toBe(0);
  });

  it.each(['after-print', 'realtime'] as const)('statusQueries %s catches a fault that struck while the job arrived', async (statusQueries) => {
    printer.armFault('paper-out', 300);
    const printed = await createPrinter({ ...profile, statusQueries }).print(ticket);
    expect(printed).toMatchObject({ ok: false, error: { kind: 'paper-out' } });
  });

  it('statusQueries none cannot see paper: the printer took every byte, and prints it when paper is loaded', async () => {
    // The honest limit of printers that answer nothing, shown rather than hidden.
    printer.setState('paper-out');
    const printed = await createPrinter({ ...profile, statusQueries: 'none' }).print(ticket);
    expect(printed).toMatchObject({ ok: true });
    expect(printer.bufferedBytes).toBeGreaterThan(0);
    printer.setState('ok');
    expect(await cutJobs()).toBe(1);
  });

  it.each([
    ['a ticket', ticket, 'cp1258'],
    ['a raster receipt', receipt, 'raster'],
  ] as const)('a printer that drops the connection mid-job (%s): printer-offline, never success', async (_name, document, strategy) => {
    for (const statusQueries of ['after-print', 'realtime', 'none'] as const) {
      printer.dropNextConnectionAfter(200);
      const printed = await createPrinter({ ...profileFor(strategy, 80, { interface: profile.interface }), statusQueries }).print(document);
      expect(printed, statusQueries).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
    }
    expect(await cutJobs()).toBe(0);
  });

  it('two prints at once are sent one after the other, both confirmed', async () => {
    const driver = createPrinter(profile);
    const [a, b] = await Promise.all([driver.print(ticket), driver.print(ticket)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    await printer.settled();
    expect(printer.jobs.map((j) => j.connection)).toEqual([1, 2]);
  });
});

describe('printers that do not answer', () => {
  const timeoutMs = 300;

  it('no answer to DLE EOT: printer-timeout within the profile’s time, pointing at statusQueries', async () => {
    const server = await faultyServer((socket) => socket.on('data', () => undefined));
    try {
      const profile = profileFor('cp1258', 80, { interface: `tcp://127.0.0.1:${server.port}`, timeoutMs });
      const started = performance.now();
      const printed = await createPrinter(profile).print(ticket);
      expect(performance.now() - started).toBeLessThan(timeoutMs * 4);
      expect(printed).toMatchObject({ ok: false, error: { kind: 'printer-timeout' } });
      if (!printed.ok) expect(printed.error.message).toContain('statusQueries');
      // The same printer with statusQueries none: every byte taken and the connection closed in return is success.
      expect(await createPrinter({ ...profile, statusQueries: 'none' }).print(ticket)).toMatchObject({ ok: true });
    } finally {
      await server.close();
    }
  });

  it('answers DLE EOT but never GS r: after-print times out rather than guessing; realtime succeeds', async () => {
    const server = await faultyServer((socket) =>
      socket.on('data', (chunk: Buffer) => {
        for (let i = 0; i + 2 < chunk.length; i++) if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Buffer.from([0x12]));
      }),
    );
    try {
      const profile = profileFor('cp1258', 80, { interface: `tcp://127.0.0.1:${server.port}`, timeoutMs });
      expect(await createPrinter(profile).print(ticket)).toMatchObject({ ok: false, error: { kind: 'printer-timeout' } });
      expect(await createPrinter({ ...profile, statusQueries: 'realtime' }).print(ticket)).toMatchObject({ ok: true, value: { status: 'ok' } });
    } finally {
      await server.close();
    }
  });

  it('a document that cannot be printed is invalid-input before any connection', async () => {
    let connections = 0;
    const server = await faultyServer(() => (connections += 1));
    try {
      const profile = profileFor('cp1258', 80, { interface: `tcp://127.0.0.1:${server.port}` });
      const tooBig = { kind: 'ticket', blocks: [{ kind: 'qr', content: 'x'.repeat(4000) }] } as const;
      expect(await createPrinter(profile).print(tooBig)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(connections).toBe(0);
    } finally {
      await server.close();
    }
  });
});
