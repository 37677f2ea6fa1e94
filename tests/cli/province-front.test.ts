import { describe, expect, it } from 'vitest';
import { frontCentres, frontConfig } from '../../hub/front/nginx-front';
import { tempDir } from '../support/centre';
import { runMotcua } from '../support/motcua-cli';
import { NGINX_MISSING, writeCheckedNginxConfig } from '../support/nginx';
import { DEMO_PROVINCE } from '../support/province-process';

/** The upstream blocks of a config, as { centre: [server lines] }. */
function upstreams(config: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of config.matchAll(/^ {4}upstream (\S+) \{\n((?: {8}server .*\n)+) {4}\}/gm)) out[m[1]!] = m[2]!.trim().split('\n').map((l) => l.trim());
  return out;
}

describe('the province front (motcua province front)', () => {
  it("puts each centre's own process first and the others after it as backups, the centres taking turns", () => {
    const two = frontCentres(['a', 'b', 'c'], [
      { host: '10.0.0.11', basePort: 8100 },
      { host: '10.0.0.12', basePort: 8100 },
    ]);
    expect(two).toEqual([
      { centreId: 'a', servers: ['10.0.0.11:8100', '10.0.0.12:8100'] },
      { centreId: 'b', servers: ['10.0.0.12:8101', '10.0.0.11:8101'] },
      { centreId: 'c', servers: ['10.0.0.11:8102', '10.0.0.12:8102'] },
    ]);
    const three = frontCentres(['a', 'b', 'c', 'd'], ['p', 'q', 'r'].map((host) => ({ host, basePort: 9000 })));
    expect(three.map((c) => c.servers[0])).toEqual(['p:9000', 'q:9001', 'r:9002', 'p:9003']);
    expect(three[1]!.servers).toEqual(['q:9001', 'r:9001', 'p:9001']);
    expect(() => frontCentres(['a'], [])).toThrow('at least one hub process');

    const config = frontConfig({ dir: '/srv/front', listen: '80', centres: two, prefixed: true });
    expect(upstreams(config)).toEqual({
      centre_a: ['server 10.0.0.11:8100 max_fails=1 fail_timeout=5s;', 'server 10.0.0.12:8100 max_fails=1 fail_timeout=5s backup;'],
      centre_b: ['server 10.0.0.12:8101 max_fails=1 fail_timeout=5s;', 'server 10.0.0.11:8101 max_fails=1 fail_timeout=5s backup;'],
      centre_c: ['server 10.0.0.11:8102 max_fails=1 fail_timeout=5s;', 'server 10.0.0.12:8102 max_fails=1 fail_timeout=5s backup;'],
    });
    expect(config).toContain('        location /c/b/ {\n            proxy_pass http://centre_b/;\n        }');
    expect(config).not.toMatch(/@[A-Z]+@$/m);
  });

  it('prints the config for the province file and the processes given, which nginx accepts; bad input is refused, typed', async () => {
    const tmp = tempDir();
    try {
      const r = await runMotcua(['province', 'front', '--province', DEMO_PROVINCE, '--process', '10.0.0.11:8100', '--process', '10.0.0.12:8100', '--listen', '127.0.0.1:18080', '--dir', tmp.dir]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // The demo province's centres in the file's order, as `motcua hub --centre all --port 8100` numbers them.
      expect(Object.fromEntries(Object.entries(upstreams(r.stdout)).map(([k, v]) => [k, v[0]]))).toEqual({
        centre_tp_ha_noi: 'server 10.0.0.11:8100 max_fails=1 fail_timeout=5s;',
        centre_hoan_kiem: 'server 10.0.0.12:8101 max_fails=1 fail_timeout=5s;',
        centre_ba_dinh: 'server 10.0.0.11:8102 max_fails=1 fail_timeout=5s;',
      });
      expect(r.stdout).toContain('listen 127.0.0.1:18080;');
      if (NGINX_MISSING === null) expect(writeCheckedNginxConfig(tmp.dir, r.stdout).refused).toBeNull();
      else console.warn(`province front: ${NGINX_MISSING} — nginx -t SKIPPED`);

      const some = await runMotcua(['province', 'front', '--province', DEMO_PROVINCE, '--centre', 'ba-dinh,hoan-kiem', '--process', 'hub-1:8100', '--process', 'hub-2:8100']);
      expect(upstreams(some.stdout)).toEqual({
        centre_ba_dinh: ['server hub-1:8100 max_fails=1 fail_timeout=5s;', 'server hub-2:8100 max_fails=1 fail_timeout=5s backup;'],
        centre_hoan_kiem: ['server hub-2:8101 max_fails=1 fail_timeout=5s;', 'server hub-1:8101 max_fails=1 fail_timeout=5s backup;'],
      });

      for (const [args, code, text] of [
        [['--process', 'hub-1'], 2, /invalid-input: .*--process must be host:port|--process phải có dạng máy:cổng/],
        [['--process', 'hub-1:70000'], 2, /--process/],
        [['--process', 'hub-1:8100', '--process', 'hub-1:8100'], 2, /given twice|hai lần/],
        [[], 2, /--process/],
        [['--process', 'hub-1:65535'], 2, /65535/],
        [['--process', 'hub-1:8100', '--centre', 'hue'], 3, /not-found: .*"hue"/],
        [['--process', 'hub-1:8100', '--centre', 'ba-dinh,ba-dinh'], 2, /twice|hai lần/],
        [['--process', 'hub-1:8100', '--listen', '80; include /etc/passwd'], 2, /--listen/],
        [['--process', 'hub-1:8100', '--dir', ''], 2, /--dir/],
      ] as const) {
        const bad = await runMotcua(['province', 'front', '--province', DEMO_PROVINCE, ...args]);
        expect(bad.code, args.join(' ')).toBe(code);
        expect(bad.stderr, args.join(' ')).toMatch(text);
        expect(bad.stdout).toBe('');
      }
    } finally {
      tmp.remove();
    }
  }, 120_000);
});
