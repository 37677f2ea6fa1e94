import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CENTRE_FILE, parseCentreConfig } from '../../kiosk-config/load';

const demo = JSON.parse(readFileSync(DEMO_CENTRE_FILE, 'utf8')) as { hub?: Record<string, unknown> };
const withBackup = (backup: unknown) => JSON.stringify({ ...demo, hub: { ...demo.hub, backup } });

describe('centre config: hub.backup (scheduled encrypted backups)', () => {
  it('is optional; its dir and keyFile are relative to the config file; keep defaults to 14', () => {
    const none = parseCentreConfig('/srv/centre/centre.json', JSON.stringify(demo));
    expect(none.ok && none.value.hub.backup).toBeUndefined();
    const r = parseCentreConfig('/srv/centre/centre.json', withBackup({ dir: 'backups', everyMinutes: 60, keyFile: 'secrets/backup.key' }));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hub.backup).toEqual({ dir: path.resolve('/srv/centre/backups'), everyMinutes: 60, keep: 14, keyFile: path.resolve('/srv/centre/secrets/backup.key') });
  });

  it('refuses a too-frequent schedule, a zero keep, or an unknown field, naming the path', () => {
    for (const [backup, where] of [
      [{ dir: 'b', everyMinutes: 1 }, 'hub.backup.everyMinutes'],
      [{ dir: 'b', everyMinutes: 60, keep: 0 }, 'hub.backup.keep'],
      [{ dir: 'b', everyMinutes: 60, passphrase: 'in clear' }, 'hub.backup'],
    ] as const) {
      const r = parseCentreConfig('c.json', withBackup(backup));
      expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining(where) } });
    }
  });
});
