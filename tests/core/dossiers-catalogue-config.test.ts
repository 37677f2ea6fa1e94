import { describe, expect, it } from 'vitest';
import { parseCentreConfig } from '../../kiosk-config/load';
import { demoConfig } from '../support/centre';

type Raw = Record<string, unknown> & { procedures: Record<string, unknown>[]; devices: Record<string, unknown>[]; departments: Record<string, unknown>[] };
const demoRaw = () => JSON.parse(JSON.stringify(demoConfig())) as Raw;

function problems(mutate: (c: Raw) => void): string {
  const c = demoRaw();
  mutate(c);
  const r = parseCentreConfig('centre.json', JSON.stringify(c));
  if (r.ok) throw new Error('expected the config to be refused');
  return r.error.message;
}

describe('procedure catalogue in the centre config', () => {
  it('names an unknown department or service, duplicates, and a bad processing time', () => {
    expect(problems((c) => (c.procedures[0]!.departmentId = 'phong-y-te'))).toContain('procedures[0].departmentId: unknown department "phong-y-te" (known: tu-phap,');
    expect(problems((c) => (c.procedures[1]!.serviceId = 'khong-co'))).toContain('procedures[1].serviceId: unknown service "khong-co"');
    expect(problems((c) => (c.procedures[2]!.code = c.procedures[0]!.code))).toContain('procedures[2].code: duplicate procedure code "HT-KS"');
    expect(problems((c) => c.departments.push({ ...c.departments[0]! }))).toContain('duplicate id "tu-phap"');
    expect(problems((c) => (c.procedures[0]!.processing = { workingDays: 1.5 }))).toContain('procedures[0].processing');
    expect(problems((c) => (c.procedures[0]!.fee = -1))).toContain('procedures[0].fee');
    expect(problems((c) => (c.dossierCodePrefix = 'hk-'))).toContain('dossierCodePrefix: 2–6 capital letters or digits');
  });

  it('checks the department of a back-office device', () => {
    const i = demoRaw().devices.findIndex((d) => d.role === 'backoffice');
    expect(problems((c) => (c.devices[i]!.departmentId = 'phong-y-te'))).toContain(`devices[${i}].departmentId: unknown department "phong-y-te"`);
    expect(problems((c) => (c.devices[0]!.departmentId = 'tu-phap'))).toContain('devices[0].departmentId: only a backoffice device belongs to a department');
  });

  it('a centre without a catalogue still loads (no dossiers)', () => {
    const { procedures: _p, departments: _d, dossierCodePrefix: _x, officers: _o, ...c } = demoRaw();
    c.devices = c.devices.filter((d) => d.role !== 'backoffice');
    const r = parseCentreConfig('centre.json', JSON.stringify(c));
    expect(r.ok && { p: r.value.procedures, d: r.value.departments, prefix: r.value.dossierCodePrefix }).toEqual({ p: [], d: [], prefix: 'HS' });
  });
});
