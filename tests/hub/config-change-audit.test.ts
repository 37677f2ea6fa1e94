import { describe, expect, it } from 'vitest';
import { configSectionDigests } from '../../hub/audit/config-change';
import { demoConfig } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

describe('config changes are audited at each start (real hub, same data dir)', () => {
  const config = demoConfig();
  const f = useHubFixture({ config });

  it('keeps the first config as the baseline, records nothing for the same one again, and names the sections that changed', async () => {
    const changes = async () => (await f.hub.audit.list()).filter((r) => r.action === 'config.change');

    expect(await changes()).toHaveLength(0);

    // The same settings, keys in another order: not a change.
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as typeof config;
    await f.restart({ config: reordered });
    expect(await changes()).toHaveLength(0);

    const renamed = { ...config, services: config.services.map((s) => (s.id === 'ho-tich' ? { ...s, name: 'Hộ tịch – Chứng thực' } : s)), queue: { ...config.queue, offlineNumberBlock: 20 } };
    await f.restart({ config: renamed });
    const after = await changes();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ actor: 'hub', subject: 'centre-config', detail: { changed: ['queue', 'services'] } });
    // Digests only: no PIN hash or token of the config is copied into the log.
    const logged = JSON.stringify(after[0]!.detail);
    for (const clerk of config.clerks) expect(logged).not.toContain(clerk.pinHash);
    expect(after[0]!.detail.sections).toEqual(configSectionDigests(renamed));
    // Back to the first config: that is a change too.
    await f.restart({ config });
    expect((await changes()).map((c) => c.detail.changed)).toEqual([['queue', 'services'], ['queue', 'services']]);
    expect(await f.chains()).toMatchObject({ ok: true });
  });
});
