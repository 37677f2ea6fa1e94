import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PROVINCE_FILE, loadProvinceConfig, parseProvinceConfig } from '../../kiosk-config/load-province';
import { centreConfigOf } from '../../kiosk-config/province-centre';

interface Raw {
  province: Record<string, unknown>;
  agencies: (Record<string, unknown> & { devices: Record<string, unknown>[]; officers: Record<string, unknown>[] })[];
  procedures: Record<string, unknown>[];
  centres: (Record<string, unknown> & { services: Record<string, unknown>[]; counters: Record<string, unknown>[]; devices: Record<string, unknown>[]; clerks: Record<string, unknown>[] })[];
}

const FILE = '/etc/motcua/province.json';
const demoRaw = () => JSON.parse(readFileSync(DEMO_PROVINCE_FILE, 'utf8')) as Raw;

/** The refusal of the demo province changed by `mutate`: every line names the file and the field. */
function problems(mutate: (p: Raw) => void): string {
  const p = demoRaw();
  mutate(p);
  const r = parseProvinceConfig(FILE, JSON.stringify(p));
  if (r.ok) throw new Error('expected the province config to be refused');
  expect(r.error.kind).toBe('invalid-input');
  for (const line of r.error.message.split('\n')) expect(line.startsWith(`${FILE}: `)).toBe(true);
  return r.error.message;
}

describe('province config', () => {
  it('the demo province: 3 centres, 5 agencies of every kind, a catalogue whose every procedure has its competent agency', () => {
    const r = loadProvinceConfig(DEMO_PROVINCE_FILE);
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.province).toEqual({ name: 'Thành phố Hà Nội', code: 'H26' });
    expect(p.centres.map((c) => c.name)).toEqual(['Trung tâm Phục vụ hành chính công Thành phố Hà Nội', 'Bộ phận Một cửa quận Hoàn Kiếm', 'Bộ phận Một cửa quận Ba Đình']);
    expect(new Set(p.agencies.map((a) => a.kind))).toEqual(new Set(['department', 'district', 'commune']));
    expect(p.agencies).toHaveLength(5);
    expect(p.procedures.find((x) => x.code === '1.005129')).toMatchObject({ competentAgencyId: 'so-tai-nguyen-moi-truong', field: 'dat-dai' });
    // Defaults of the centre schema apply to a province's centres too.
    expect(p.centres[0]).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh', onPrintFailure: 'keep', printers: [] });
    // Queues are per centre: the same service id and counter id in two centres is fine.
    expect(p.centres[1]!.counters[0]!.id).toBe(p.centres[2]!.counters[0]!.id);
  });

  it('refuses a procedure whose competent agency does not exist, or whose field no centre serves', () => {
    expect(problems((p) => (p.procedures[1]!.competentAgencyId = 'ubnd-phuong-ma'))).toBe(
      `${FILE}: procedures[1].competentAgencyId: unknown agency "ubnd-phuong-ma" (known: so-tu-phap, so-tai-nguyen-moi-truong, ubnd-quan-hoan-kiem, ubnd-quan-ba-dinh, ubnd-phuong-hang-trong)`,
    );
    expect(problems((p) => (p.procedures[0]!.field = 'hang-hai'))).toContain(`${FILE}: procedures[0].field: no centre has a service "hang-hai"`);
    expect(problems((p) => (p.procedures[0]!.code = 'LLTP-01'))).toBe(`${FILE}: procedures[0].code: a national procedure code "N.NNNNNN", e.g. "1.005129"`);
  });

  it('refuses a device in two centres, or in a centre and an agency; and a token used twice across them', () => {
    expect(problems((p) => p.centres[2]!.devices.push({ ...p.centres[1]!.devices[0]!, token: 'a-fresh-token-0123456789' }))).toBe(
      `${FILE}: centres[2].devices[5].id: device "hoan-kiem-kiosk-1" already belongs to centre "hoan-kiem"; each belongs to one centre or agency`,
    );
    expect(problems((p) => (p.agencies[0]!.devices[0]!.id = 'ba-dinh-man-hinh-1'))).toContain(
      `${FILE}: agencies[0].devices[0].id: device "ba-dinh-man-hinh-1" already belongs to centre "ba-dinh"; each belongs to one centre or agency`,
    );
    const message = problems((p) => (p.centres[2]!.devices[0]!.token = p.centres[0]!.devices[1]!.token));
    expect(message).toBe(`${FILE}: centres[2].devices[0].token: token already used by a device of centre "tp-ha-noi"`);
    expect(message).not.toContain(demoRaw().centres[0]!.devices[1]!.token as string); // a refusal never repeats a secret
  });

  it('refuses a clerk in two centres, or a clerk who is also an agency\'s officer', () => {
    expect(problems((p) => p.centres[1]!.clerks.push({ ...p.centres[0]!.clerks[0]! }))).toBe(
      `${FILE}: centres[1].clerks[2].id: person "pham-thi-huong" already belongs to centre "tp-ha-noi"; each belongs to one centre or agency`,
    );
    expect(problems((p) => (p.agencies[4]!.officers[0]!.id = 'le-thu-ha'))).toBe(
      `${FILE}: agencies[4].officers[0].id: person "le-thu-ha" already belongs to centre "ba-dinh"; each belongs to one centre or agency`,
    );
  });

  it('refuses duplicate ids and codes: centres, agencies, agency codes, procedure codes, dossier code prefixes, devices and officers of one agency', () => {
    expect(problems((p) => (p.centres[2]!.id = 'hoan-kiem'))).toContain(`${FILE}: centres[2].id: duplicate centre id "hoan-kiem"`);
    expect(problems((p) => (p.agencies[3]!.id = 'so-tu-phap'))).toContain(`${FILE}: agencies[3].id: duplicate agency id "so-tu-phap"`);
    expect(problems((p) => (p.agencies[1]!.code = '000.00.31.H26'))).toBe(`${FILE}: agencies[1].code: duplicate agency code "000.00.31.H26"`);
    expect(problems((p) => (p.procedures[3]!.code = '1.001193'))).toBe(`${FILE}: procedures[3].code: duplicate procedure code "1.001193"`);
    expect(problems((p) => (p.centres[2]!.dossierCodePrefix = 'HK'))).toBe(`${FILE}: centres[2].dossierCodePrefix: duplicate dossier code prefix (dossier codes must be unique in the province) "HK"`);
    expect(problems((p) => p.agencies[0]!.devices.push({ ...p.agencies[0]!.devices[0]!, token: 'a-fresh-token-0123456789' }))).toBe(
      `${FILE}: agencies[0].devices[1].id: duplicate device id "xu-ly-so-tu-phap"`,
    );
    expect(problems((p) => p.agencies[0]!.officers.push({ ...p.agencies[0]!.officers[0]! }))).toBe(`${FILE}: agencies[0].officers[1].id: duplicate officer id "hoang-minh-tuan"`);
  });

  it('checks each centre by the centre config\'s own rules, under its path', () => {
    expect(problems((p) => (p.centres[1]!.counters[0]!.serviceIds = ['ho-tich', 'xay-dung']))).toBe(
      `${FILE}: centres[1].counters[0].serviceIds[1]: unknown service "xay-dung" (known: ho-tich, chung-thuc, dat-dai)`,
    );
    expect(problems((p) => (p.centres[0]!.services[1]!.numberFrom = 1500))).toContain(`${FILE}: centres[0].services[1].numberFrom: number block 1500–2999 overlaps "tu-phap"`);
    expect(problems((p) => delete p.centres[2]!.devices[1]!.counterId)).toBe(`${FILE}: centres[2].devices[1].counterId: a counter device must name the counter it sits at`);
    expect(problems((p) => (p.centres[0]!.timeZone = 'Mars/Olympus'))).toContain(`${FILE}: centres[0].timeZone: an IANA time zone`);
    expect(problems((p) => (p.centres[0]!.hub = { port: 8080 }))).toContain(`${FILE}: centres[0]: Unrecognized key: "hub"`);
  });

  it('refuses an agency of another province, a non-backoffice agency device, and a kind that is not one of the three', () => {
    expect(problems((p) => (p.agencies[2]!.code = '000.00.12.H29'))).toBe(`${FILE}: agencies[2].code: "000.00.12.H29" is not a code of this province (H26)`);
    expect(problems((p) => (p.agencies[2]!.code = 'H26-12'))).toBe(`${FILE}: agencies[2].code: an electronic identifier code "NNN.NN.NN.XNN", e.g. "000.00.31.H26"`);
    expect(problems((p) => (p.agencies[0]!.devices[0]!.role = 'kiosk'))).toBe(`${FILE}: agencies[0].devices[0].role: an agency's devices are backoffice devices, not kiosk`);
    expect(problems((p) => (p.agencies[0]!.devices[0]!.departmentId = 'so-tai-nguyen-moi-truong'))).toBe(
      `${FILE}: agencies[0].devices[0].departmentId: omit it, or "so-tu-phap": the device belongs to this agency`,
    );
    expect(problems((p) => (p.agencies[0]!.kind = 'ministry'))).toContain(`${FILE}: agencies[0].kind: Invalid option`);
  });

  it('refuses a file that is not JSON, or missing, with its name', () => {
    expect(parseProvinceConfig('province.json', '{ "province": ')).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/^province\.json: not valid JSON/) } });
    expect(loadProvinceConfig('/nonexistent/province.json')).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('/nonexistent/province.json') } });
  });
});

describe('a province centre as the centre config the hub runs on', () => {
  const province = () => {
    const r = loadProvinceConfig(DEMO_PROVINCE_FILE);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('each demo centre: its own queue and devices, the agencies as departments, the procedures of its fields with their competent agency', () => {
    const p = province();
    for (const c of p.centres) {
      const r = centreConfigOf(p, c.id, { port: 0 });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.centre.name).toBe(c.name);
      // Its own devices, then every agency's back office (admitted at any centre's hub), each bound to its agency.
      const agencyDevices = p.agencies.flatMap((a) => a.devices.map((d) => ({ id: d.id, departmentId: a.id })));
      expect(agencyDevices.length).toBeGreaterThan(0);
      expect(r.value.devices.map((d) => d.id)).toEqual([...c.devices.map((d) => d.id), ...agencyDevices.map((d) => d.id)]);
      expect(r.value.devices.filter((d) => d.departmentId !== undefined).map((d) => ({ id: d.id, departmentId: d.departmentId }))).toEqual(agencyDevices);
      expect(r.value.departments.map((d) => d.id)).toEqual(p.agencies.map((a) => a.id));
      expect(r.value.hub.port).toBe(0);
    }
    const hoanKiem = centreConfigOf(p, 'hoan-kiem');
    if (!hoanKiem.ok) throw new Error(hoanKiem.error.message);
    expect(hoanKiem.value.procedures.map((x) => x.code)).toEqual(['1.001193', '1.000894', '2.000815', '1.005129', '1.004227']);
    expect(hoanKiem.value.procedures.find((x) => x.code === '1.005129')).toMatchObject({ serviceId: 'dat-dai', departmentId: 'so-tai-nguyen-moi-truong' });
    expect(hoanKiem.value.officers.find((o) => o.id === 'trinh-van-long')).toMatchObject({ departmentId: 'ubnd-phuong-hang-trong' });
    expect(hoanKiem.value.dossierCodePrefix).toBe('HK');
  });

  it('the public address: each centre under the front’s path (<publicBaseUrl>/c/<id>) or its own host; none without one', () => {
    const raw = demoRaw();
    const plain = centreConfigOf(province(), 'hoan-kiem');
    expect(plain.ok && 'publicBaseUrl' in plain.value.hub).toBe(false);
    expect(plain.ok && 'trustedProxies' in plain.value.hub).toBe(false);
    raw.province['publicBaseUrl'] = 'https://Tinh.Example.vn/';
    raw.province['trustedProxies'] = ['10.0.0.5'];
    raw.centres[2]!['publicBaseUrl'] = 'https://ba-dinh.tinh.example.vn';
    const parsed = parseProvinceConfig(FILE, JSON.stringify(raw));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const hub = (id: string, over?: Parameters<typeof centreConfigOf>[2]) => {
      const r = centreConfigOf(parsed.value, id, over);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.hub;
    };
    expect(hub('hoan-kiem')).toMatchObject({ publicBaseUrl: 'https://tinh.example.vn/c/hoan-kiem', trustedProxies: ['10.0.0.5'] });
    expect(hub('tp-ha-noi').publicBaseUrl).toBe('https://tinh.example.vn/c/tp-ha-noi');
    expect(hub('ba-dinh').publicBaseUrl).toBe('https://ba-dinh.tinh.example.vn');
    // The deployment's hub section has the last word.
    expect(hub('hoan-kiem', { publicBaseUrl: 'https://khac.example.vn' }).publicBaseUrl).toBe('https://khac.example.vn');
  });

  it('refuses a public address that is not https, naming the field', () => {
    expect(
      problems((p) => {
        p.province['publicBaseUrl'] = 'http://tinh.example.vn';
      }),
    ).toMatch(/province\.publicBaseUrl.*https/);
    expect(
      problems((p) => {
        p.centres[1]!['publicBaseUrl'] = 'https://tinh.example.vn/?c=1';
      }),
    ).toMatch(/centres\[1\]\.publicBaseUrl: .*truy vấn/);
  });

  it('an unknown centre is not-found, naming the known ones', () => {
    expect(centreConfigOf(province(), 'hue')).toEqual({ ok: false, error: { kind: 'not-found', message: 'no centre "hue" in the province (known: tp-ha-noi, hoan-kiem, ba-dinh)' } });
  });
});
