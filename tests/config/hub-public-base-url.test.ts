import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CENTRE_FILE, parseCentreConfig } from '../../kiosk-config/load';

const demo = JSON.parse(readFileSync(DEMO_CENTRE_FILE, 'utf8')) as { hub?: Record<string, unknown> };
const withBase = (publicBaseUrl: unknown) => JSON.stringify({ ...demo, hub: { ...demo.hub, publicBaseUrl } });

describe('centre config: hub.publicBaseUrl (the phone page address on tickets)', () => {
  it('is optional (the demo has none) and is normalised when set', () => {
    const none = parseCentreConfig('c.json', JSON.stringify(demo));
    expect(none.ok && none.value.hub.publicBaseUrl).toBeUndefined();
    const r = parseCentreConfig('c.json', withBase('https://MotCua.HoanKiem.Hanoi.gov.vn/'));
    expect(r.ok && r.value.hub.publicBaseUrl).toBe('https://motcua.hoankiem.hanoi.gov.vn');
  });

  it('refuses plain http and a query, naming the field', () => {
    for (const bad of ['http://motcua.example.gov.vn', 'https://motcua.example.gov.vn/?x=1', 42]) {
      expect(parseCentreConfig('c.json', withBase(bad))).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('hub.publicBaseUrl') } });
    }
  });
});
