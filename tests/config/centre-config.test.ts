import { describe, expect, it } from 'vitest';
import { DEMO_CENTRE_FILE, loadCentreConfig, parseCentreConfig } from '../../kiosk-config/load';
import { demoConfig } from '../support/centre';

const demoRaw = () => JSON.parse(JSON.stringify(demoConfig())) as Record<string, unknown> & { services: Record<string, unknown>[]; counters: Record<string, unknown>[]; devices: Record<string, unknown>[] };

function problems(mutate: (c: ReturnType<typeof demoRaw>) => void): string {
  const c = demoRaw();
  mutate(c);
  const r = parseCentreConfig('/etc/motcua/centre.json', JSON.stringify(c));
  if (r.ok) throw new Error('expected the config to be refused');
  expect(r.error.kind).toBe('invalid-input');
  return r.error.message;
}

describe('centre config', () => {
  it('the demo centre is complete and in Vietnamese', () => {
    const r = loadCentreConfig(DEMO_CENTRE_FILE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value;
    expect(c.services.map((s) => s.name)).toEqual(expect.arrayContaining(['Hộ tịch', 'Đất đai', 'Đăng ký kinh doanh', 'Xây dựng']));
    expect(c.counters.length).toBeGreaterThanOrEqual(3);
    expect(c.devices.filter((d) => d.role === 'kiosk')).toHaveLength(1);
    expect(c.devices.filter((d) => d.role === 'display')).toHaveLength(1);
    // The demo centre books online: `npm start` prints the booking page's address.
    expect(c.appointments?.online).toEqual({ holdMinutes: 5, perPersonPerDay: 1, horizonDays: 14, askCccd: false });
    expect(c.printers[0]).toMatchObject({ textStrategy: 'cp1258', codePage: 52 });
  });

  it('names the file, the field and what was expected', () => {
    expect(problems((c) => (c.services[1]!.numberTo = 'many'))).toBe('/etc/motcua/centre.json: services[1].numberTo: Invalid input: expected number, received string');
    expect(problems((c) => (c.counters[0]!.serviceIds = ['ho-tich', 'khong-co']))).toContain('/etc/motcua/centre.json: counters[0].serviceIds[1]: unknown service "khong-co"');
    expect(problems((c) => (c.services[2]!.numberFrom = 1500))).toContain('services[2].numberFrom: number block 1500–3999 overlaps "ho-tich"');
    expect(problems((c) => delete c.devices[1]!.counterId)).toContain('devices[1].counterId: a counter device must name the counter it sits at');
    expect(problems((c) => (c.devices[0]!.token = 'short'))).toContain('devices[0].token: at least 16 characters');
    expect(problems((c) => ((c as Record<string, unknown>).centre = { name: 'X', timeZone: 'Mars/Olympus' }))).toContain('centre.timeZone: an IANA time zone');
    expect(problems((c) => ((c as Record<string, unknown>).colour = 'blue'))).toContain('(root): Unrecognized key: "colour"');
  });

  it('officers: each of a known department, with a PIN hash, ids unique among clerks and officers', () => {
    const demo = demoConfig();
    expect(demo.officers.length).toBeGreaterThanOrEqual(demo.departments.length);
    for (const d of demo.departments) expect(demo.officers.filter((o) => o.departmentId === d.id).length).toBeGreaterThanOrEqual(1);
    const officers = (c: ReturnType<typeof demoRaw>) => (c as unknown as { officers: Record<string, unknown>[] }).officers;
    expect(problems((c) => (officers(c)[0]!.departmentId = 'phong-ma'))).toContain('/etc/motcua/centre.json: officers[0].departmentId: unknown department "phong-ma" (known: tu-phap,');
    expect(problems((c) => (officers(c)[1]!.pinHash = '5555'))).toContain('officers[1].pinHash: a hash made by `motcua hash-pin`');
    expect(problems((c) => delete officers(c)[2]!.departmentId)).toContain('officers[2].departmentId: Invalid input');
    expect(problems((c) => (officers(c)[3]!.id = 'le-thu-ha'))).toContain('officers[3].id: duplicate id "le-thu-ha" (among clerks and officers)');
    expect(problems((c) => (officers(c)[0]!.id = officers(c)[1]!.id))).toContain('officers[1].id: duplicate id');
  });

  it('refuses a file that is not JSON, or missing, with its name', () => {
    const r = parseCentreConfig('centre.json', '{ "centre": ');
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!r.ok) expect(r.error.message).toMatch(/^centre\.json: not valid JSON/);
    expect(loadCentreConfig('/nonexistent/centre.json')).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('/nonexistent/centre.json') } });
  });
});
