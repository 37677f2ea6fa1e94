import { describe, expect, it } from 'vitest';
import { PrinterProfileSchema } from '../../core/devices';
import { loadCentreConfig, DEMO_CENTRE_FILE } from '../../kiosk-config/load';

/** The printer profile as an installer writes it in the centre config. */

const base = { id: 'p', model: 'Epson TM-T82III', interface: 'tcp://192.168.1.50:9100', paperWidth: 80, textStrategy: 'cp1258', codePage: 52 };

describe('PrinterProfileSchema', () => {
  it('fills in the defaults: 5 s timeout, status confirmed after printing', () => {
    expect(PrinterProfileSchema.parse(base)).toMatchObject({ timeoutMs: 5000, statusQueries: 'after-print' });
  });

  it.each(['tcp://192.168.1.50:9100', 'tcp://may-in-quay-1:9100', 'serial:/dev/ttyUSB0', 'serial:/dev/ttyS0?baud=19200&flow=rtscts'])('accepts the interface %s', (uri) => {
    expect(PrinterProfileSchema.safeParse({ ...base, interface: uri }).success).toBe(true);
  });

  it.each(['usb://printer', 'tcp://host', '192.168.1.50:9100', 'serial:ttyUSB0', 'serial:/dev/tty USB0'])('refuses the interface %s', (uri) => {
    expect(PrinterProfileSchema.safeParse({ ...base, interface: uri }).success).toBe(false);
  });

  it('knows the four strategies and requires a code page only where one is used', () => {
    const { codePage: _codePage, ...withoutPage } = base;
    for (const textStrategy of ['raster', 'ascii']) expect(PrinterProfileSchema.safeParse({ ...withoutPage, textStrategy }).success).toBe(true);
    for (const textStrategy of ['cp1258', 'tcvn3']) {
      const result = PrinterProfileSchema.safeParse({ ...withoutPage, textStrategy });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['codePage']);
    }
    expect(PrinterProfileSchema.safeParse({ ...base, textStrategy: 'viscii' }).success).toBe(false);
  });

  it('takes an optional print speed and the status mode', () => {
    expect(PrinterProfileSchema.parse({ ...base, printSpeedMmPerS: 90, statusQueries: 'none' })).toMatchObject({ printSpeedMmPerS: 90, statusQueries: 'none' });
    expect(PrinterProfileSchema.safeParse({ ...base, printSpeedMmPerS: 0 }).success).toBe(false);
    expect(PrinterProfileSchema.safeParse({ ...base, statusQueries: 'sometimes' }).success).toBe(false);
  });
});

describe('the demo centre’s printer profiles', () => {
  it('keep the kiosk printer as it was, give the counters theirs, and show one example of each kind of printer', () => {
    const config = loadCentreConfig(DEMO_CENTRE_FILE);
    if (!config.ok) throw new Error(config.error.message);
    const byId = new Map(config.value.printers.map((p) => [p.id, p]));
    expect(byId.get('may-in-kiosk-1')).toMatchObject({ interface: 'tcp://127.0.0.1:9100', paperWidth: 80, textStrategy: 'cp1258', codePage: 52, timeoutMs: 5000 });
    expect(byId.get('may-in-quay')).toMatchObject({ paperWidth: 80, textStrategy: 'cp1258' });
    expect(config.value.devices.filter((d) => d.role === 'counter').every((d) => d.printerId === 'may-in-quay')).toBe(true);
    expect([...byId.values()].map((p) => [p.textStrategy, p.paperWidth, p.interface.split(':')[0]])).toEqual([
      ['cp1258', 80, 'tcp'],
      ['cp1258', 80, 'tcp'],
      ['cp1258', 80, 'tcp'],
      ['tcvn3', 58, 'serial'],
      ['raster', 80, 'tcp'],
    ]);
  });
});
