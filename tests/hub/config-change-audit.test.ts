import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { verifyAllChains } from '../../hub/audit/chain-verifier';
import { configSectionDigests } from '../../hub/audit/config-change';
import type { Hub } from '../../hub/hub';
import { demoConfig, startHub, tempDir } from '../support/centre';

describe('config changes are audited at each start (real hub, same data dir)', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  let hub: Hub | null = null;
  afterEach(async () => {
    await hub?.close();
    tmp?.remove();
  });

  it('keeps the first config as the baseline, records nothing for the same one again, and names the sections that changed', async () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'hub.sqlite');
    const config = demoConfig();
    const changes = async () => (await hub!.audit.list()).filter((r) => r.action === 'config.change');

    hub = await startHub(file, { config });
    expect(await changes()).toHaveLength(0);
    await hub.close();

    // The same settings, keys in another order: not a change.
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as typeof config;
    hub = await startHub(file, { config: reordered });
    expect(await changes()).toHaveLength(0);
    await hub.close();

    const renamed = { ...config, services: config.services.map((s) => (s.id === 'ho-tich' ? { ...s, name: 'Hộ tịch – Chứng thực' } : s)), queue: { ...config.queue, offlineNumberBlock: 20 } };
    hub = await startHub(file, { config: renamed });
    const after = await changes();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ actor: 'hub', subject: 'centre-config', detail: { changed: ['queue', 'services'] } });
    // Digests only: no PIN hash or token of the config is copied into the log.
    const logged = JSON.stringify(after[0]!.detail);
    for (const clerk of config.clerks) expect(logged).not.toContain(clerk.pinHash);
    expect(after[0]!.detail.sections).toEqual(configSectionDigests(renamed));
    await hub.close();
    // Back to the first config: that is a change too.
    hub = await startHub(file, { config });
    expect((await changes()).map((c) => c.detail.changed)).toEqual([['queue', 'services'], ['queue', 'services']]);
    await hub.close();
    hub = null;
    const db = new Database(file, { readonly: true });
    try {
      expect(verifyAllChains(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });
});
