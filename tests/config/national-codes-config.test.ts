import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCentreConfig } from '../../kiosk-config/load';
import { DEMO_PROVINCE_FILE, loadProvinceConfig, parseProvinceConfig } from '../../kiosk-config/load-province';
import { centreConfigOf } from '../../kiosk-config/province-centre';
import { dossierCodeFormatOf } from '../../core/dossiers/code-format';
import { demoConfig } from '../support/centre';

const FILE = '/etc/motcua/centre.json';
type Raw = Record<string, unknown> & { procedures: Record<string, unknown>[]; departments: Record<string, unknown>[] };
const demoRaw = () => JSON.parse(JSON.stringify(demoConfig())) as Raw;
const PORTAL = { adapterUrl: 'https://lgsp.example.gov.vn', username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: '000.00.31.H26' };

function parse(mutate: (c: Raw) => void) {
  const c = demoRaw();
  mutate(c);
  return parseCentreConfig(FILE, JSON.stringify(c));
}
function problems(mutate: (c: Raw) => void): string {
  const r = parse(mutate);
  if (r.ok) throw new Error('expected the config to be refused');
  expect(r.error.kind).toBe('invalid-input');
  return r.error.message;
}

describe('national codes in the config', () => {
  it('existing centres keep short codes; a national centre names its agency; the catalogue carries mã TTHC and agency codes', () => {
    expect(dossierCodeFormatOf(demoConfig())).toEqual({ kind: 'short', prefix: 'HK' });
    const r = parse((c) => {
      c.dossierCodes = { format: 'national', agencyCode: '000.00.31.H26' };
      c.procedures[0]!.nationalCode = '1.001193';
      c.departments[0]!.agencyCode = '000.00.36.H26';
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.dossierCodes).toEqual({ format: 'national', agencyCode: '000.00.31.H26', pattern: '{agency}-{yymmdd}-{seq:4}' });
    expect(dossierCodeFormatOf(r.value)).toMatchObject({ kind: 'national', agencyCode: '000.00.31.H26', prefix: 'HK' });
    expect(r.value.procedures[0]!.nationalCode).toBe('1.001193');
    expect(r.value.departments[0]!.agencyCode).toBe('000.00.36.H26');
  });

  it('refuses a bad mã TTHC, a bad agency code, national codes without an agency, a pattern it cannot read, and codes of another agency than the portal is told', () => {
    expect(problems((c) => (c.procedures[0]!.nationalCode = '1005129'))).toContain('procedures[0].nationalCode: a national procedure code (mã TTHC) like "1.005129"');
    expect(problems((c) => (c.departments[0]!.agencyCode = 'H26.31'))).toContain('departments[0].agencyCode: an agency electronic code (Decision 20/2020/QĐ-TTg) like "000.00.31.H26"');
    expect(problems((c) => (c.dossierCodes = { format: 'national' }))).toContain('dossierCodes.agencyCode: national codes need the agency\'s code (Decision 20/2020), e.g. "000.00.31.H26"');
    expect(problems((c) => (c.dossierCodes = { format: 'national', agencyCode: '000.00.31.h26' }))).toContain('dossierCodes.agencyCode');
    expect(problems((c) => (c.dossierCodes = { format: 'national', agencyCode: '000.00.31.H26', pattern: '{agency}-{seq:4}' }))).toContain('needs one date');
    expect(problems((c) => (c.dossierCodes = { format: 'chinh-thuc' }))).toContain('dossierCodes.format');
    expect(
      problems((c) => {
        c.dossierCodes = { format: 'national' };
        c.integrations = { nationalPortal: PORTAL };
      }),
    ).toContain('e.g. the portal\'s madonvi "000.00.31.H26"');
    expect(
      problems((c) => {
        c.dossierCodes = { format: 'national', agencyCode: '000.00.12.H26' };
        c.integrations = { nationalPortal: PORTAL };
      }),
    ).toContain('differs from integrations.nationalPortal.madonvi "000.00.31.H26"');
    expect(
      problems((c) => {
        c.dossierCodes = { format: 'national', agencyCode: '000.00.31.H26', pattern: '{agency}-{yyyymmdd}-{seq:7}' };
        c.integrations = { nationalPortal: PORTAL };
      }),
    ).toContain('differs from integrations.nationalPortal.dossierCodePattern');
  });

  it('the demo province numbers nationally: each centre its own agency, agencies and procedures carry their codes; two centres with one agency code are refused', () => {
    const r = loadProvinceConfig(DEMO_PROVINCE_FILE);
    if (!r.ok) throw new Error(r.error.message);
    const hk = centreConfigOf(r.value, 'hoan-kiem');
    if (!hk.ok) throw new Error(hk.error.message);
    expect(dossierCodeFormatOf(hk.value)).toMatchObject({ kind: 'national', agencyCode: '000.00.12.H26' });
    expect(hk.value.departments.find((d) => d.id === 'ubnd-quan-hoan-kiem')).toMatchObject({ agencyCode: '000.00.12.H26' });
    expect(hk.value.procedures.every((p) => p.nationalCode === p.code)).toBe(true);

    const raw = JSON.parse(readFileSync(DEMO_PROVINCE_FILE, 'utf8')) as { centres: { dossierCodes: unknown }[] };
    raw.centres[2]!.dossierCodes = { format: 'national', agencyCode: '000.00.12.H26' };
    const refused = parseProvinceConfig('/etc/motcua/province.json', JSON.stringify(raw));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/centres\[2\]\.dossierCodes\.agencyCode: duplicate .*"000\.00\.12\.H26"/) } });
  });
});
