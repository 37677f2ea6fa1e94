import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhonePages } from '../../hub/public/phone-pages';
import { buildBookingPages } from '../support/booking-pages';
import { demoConfig, tempDir } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/** The booking page as the hub serves it: strict headers, no inline script, a small bundle, its own budget, a 503 page before the build. */
describe('public booking page (/dat-lich)', () => {
  const built = tempDir('motcua-booking-pages-');
  beforeAll(async () => {
    await buildBookingPages(built.dir);
  }, 60_000);
  afterAll(() => built.remove());
  // Each test starts its hub with its own pages and limits.
  const f = useHubFixture({ autoStart: false });
  const start = async (dir: string, perAddress = 300) => {
    const c = demoConfig();
    await f.start({ config: { ...c, appointments: { ...c.appointments!, online: { holdMinutes: 5, perPersonPerDay: 1, horizonDays: 14, askCccd: false } } }, bookingPagesDir: dir, bookingLimits: { perAddress: { limit: perAddress, windowMs: 60_000 } } });
  };

  it('serves the page with the ticket page’s strict policy: its stylesheet inlined by hash, no inline script, nothing cached', async () => {
    await start(built.dir);
    const res = await fetch(`${f.hub.url}/dat-lich`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe(new PhonePages(built.dir).csp());
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+';/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // Relative to "/dat-lich" (a front's path prefix stays): "dat-lich/assets/…".
    const script = /<script[^>]*src="(dat-lich\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(new URL(script, `${f.hub.url}/dat-lich`));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    // A small bundle, like the ticket page's.
    const js = readdirSync(path.join(built.dir, 'assets')).filter((f) => f.endsWith('.js'));
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(path.join(built.dir, 'assets', f))).length, 0);
    expect(gz).toBeLessThan(15 * 1024);
    // The API answers carry the same headers.
    const api = await fetch(`${f.hub.url}/dat-lich/api/catalogue`);
    expect(api.headers.get('content-security-policy')).toBe(csp);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${f.hub.url}/dat-lich/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    // "/dat-lich/" sends the browser to the page by a relative address: a front's path prefix stays.
    const slash = await fetch(`${f.hub.url}/dat-lich/`, { redirect: 'manual' });
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe('../dat-lich');
    expect(new URL(slash.headers.get('location')!, 'https://tinh.example.vn/c/ba-dinh/dat-lich/').pathname).toBe('/c/ba-dinh/dat-lich');
  });

  it('answers a Vietnamese 503 page before the build, and a 429 page past the address’s budget', async () => {
    await start(path.join(f.dir, 'none'), 3);
    const res = await fetch(`${f.hub.url}/dat-lich`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Trang đặt lịch chưa được cài đặt');
    await fetch(`${f.hub.url}/dat-lich`);
    await fetch(`${f.hub.url}/dat-lich`);
    const flooded = await fetch(`${f.hub.url}/dat-lich`);
    expect(flooded.status).toBe(429);
    expect(flooded.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await flooded.text()).toContain('Quá nhiều yêu cầu');
  });

  it('says plainly when the centre does not book online', async () => {
    const c = demoConfig();
    const { online: _online, ...desk } = c.appointments!;
    void _online;
    await f.start({ config: { ...c, appointments: desk }, bookingPagesDir: built.dir });
    const res = await fetch(`${f.hub.url}/dat-lich/api/catalogue`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { kind: 'not-offered', message: expect.stringContaining('chưa nhận đặt lịch hẹn trực tuyến') } });
  });
});
