import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../core/protocol/apikey-commands';
import { useHubFixture } from '../support/hub-fixture';
import { ADMIN_TOKEN, call, createKey, receive } from './api-keys-support';
import { commandId } from '../support/centre';

/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T09:00');
const HOUR = 3_600_000;

describe('API keys: created, used, rotated with an overlap, revoked (real hub on loopback, injected clock)', () => {
  const f = useHubFixture({ clock: () => now });
  beforeEach(() => {
    now = vn('2026-11-20T09:00');
  });
  const get = (p: string, key?: string) => call(f.hub.url, 'GET', p, { bearer: key });

  it('create → use → rotate (both work during the overlap, the old one refused after) → revoke (refused at once); all audited', async () => {
    const counter = (await f.open('counter-3')).socket;
    const dossier = await receive(counter, 'KD-TL');
    const { key, record } = await createKey(f.hub.url, 'Phần mềm một cửa Sở KH&ĐT', 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    expect(key).toMatch(/^mck_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)?.id).toBe(record.id);
    expect(record).toMatchObject({ name: 'Phần mềm một cửa Sở KH&ĐT', departmentId: 'tai-chinh-ke-hoach', permissions: ['dossiers:act', 'dossiers:read'], state: 'active', lastUsedAt: null, revokedAt: null });

    const listed = await get('/api/v1/dossiers', key);
    expect(listed.status).toBe(200);
    expect(listed.body.value.dossiers.map((d: { code: string }) => d.code)).toEqual([dossier.code]);

    // The list of keys says when it was last used.
    now = new Date(now.getTime() + 60_000);
    const keys = await call(f.hub.url, 'POST', '/api/apikeys/list', { bearer: ADMIN_TOKEN, body: { commandId: commandId() } });
    expect(keys.body.value.keys).toEqual([expect.objectContaining({ id: record.id, lastUsedAt: vn('2026-11-20T09:00').toISOString(), state: 'active' })]);
    // Kept to the minute: a use within it is not a write; the next minute's is.
    now = new Date(vn('2026-11-20T09:00').getTime() + 59_000);
    await get('/api/v1/dossiers', key);
    const lastUsed = async () => (await call(f.hub.url, 'POST', '/api/apikeys/list', { bearer: ADMIN_TOKEN, body: { commandId: commandId() } })).body.value.keys[0].lastUsedAt;
    expect(await lastUsed()).toBe(vn('2026-11-20T09:00').toISOString());
    now = new Date(now.getTime() + 1000);
    await get('/api/v1/dossiers', key);
    expect(await lastUsed()).toBe(now.toISOString());

    // Rotation with the default overlap of 24 h: both secrets work until then.
    const rotated = await call(f.hub.url, 'POST', `/api/apikeys/${record.id}/rotate`, { bearer: ADMIN_TOKEN, body: { commandId: commandId() } });
    expect(rotated.status).toBe(200);
    const newKey: string = rotated.body.value.key;
    expect(parseApiKey(newKey)?.id).toBe(record.id);
    expect(newKey).not.toBe(key);
    expect(rotated.body.value.record).toMatchObject({ state: 'rotating', previousValidUntil: new Date(now.getTime() + 24 * HOUR).toISOString() });
    expect((await get('/api/v1/dossiers', key)).status).toBe(200);
    expect((await get('/api/v1/dossiers', newKey)).status).toBe(200);
    now = new Date(now.getTime() + 24 * HOUR - 1000);
    expect((await get('/api/v1/dossiers', key)).status).toBe(200);
    now = new Date(now.getTime() + 1000);
    const expired = await get('/api/v1/dossiers', key);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('khoá cũ hết hiệu lực') });
    expect((await get('/api/v1/dossiers', newKey)).status).toBe(200);

    // Revoked: refused at once, with the reason.
    const revoked = await call(f.hub.url, 'POST', `/api/apikeys/${record.id}/revoke`, { bearer: ADMIN_TOKEN, body: { commandId: commandId() } });
    expect(revoked.body.value.record).toMatchObject({ state: 'revoked', revokedAt: now.toISOString() });
    const refused = await get('/api/v1/dossiers', newKey);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.message).toContain('đã bị thu hồi');
    // Rotating a revoked key is refused; a new key is the way back.
    expect((await call(f.hub.url, 'POST', `/api/apikeys/${record.id}/rotate`, { bearer: ADMIN_TOKEN, body: { commandId: commandId() } })).status).toBe(409);

    const audit = (await f.hub.audit.list()).filter((a) => a.action.startsWith('apikey.'));
    expect(audit.map((a) => [a.action, a.subject, a.actor])).toEqual([
      ['apikey.create', `apikey:${record.id}`, 'device:admin-1'],
      ['apikey.rotate', `apikey:${record.id}`, 'device:admin-1'],
      ['apikey.revoke', `apikey:${record.id}`, 'device:admin-1'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(parseApiKey(key)!.secret);
  });

  it('a rotation with overlapHours 0 ends the old secret at once; a second rotation in an overlap keeps the secret in use', async () => {
    const { key, record } = await createKey(f.hub.url, 'Hệ thống tỉnh', null, ['dossiers:read']);
    const first = await call(f.hub.url, 'POST', `/api/apikeys/${record.id}/rotate`, { bearer: ADMIN_TOKEN, body: { commandId: commandId(), overlapHours: 2 } });
    const second = await call(f.hub.url, 'POST', `/api/apikeys/${record.id}/rotate`, { bearer: ADMIN_TOKEN, body: { commandId: commandId(), overlapHours: 2 } });
    // The secret nobody deployed (first) is gone; the one in use (key) still works; the newest works.
    expect((await get('/api/v1/dossiers', key)).status).toBe(200);
    expect((await get('/api/v1/dossiers', first.body.value.key)).status).toBe(401);
    expect((await get('/api/v1/dossiers', second.body.value.key)).status).toBe(200);
    const hard = await call(f.hub.url, 'POST', `/api/apikeys/${record.id}/rotate`, { bearer: ADMIN_TOKEN, body: { commandId: commandId(), overlapHours: 0 } });
    expect(hard.body.value.record).toMatchObject({ state: 'active', previousValidUntil: null });
    expect((await get('/api/v1/dossiers', key)).status).toBe(401);
    expect((await get('/api/v1/dossiers', second.body.value.key)).status).toBe(401);
    expect((await get('/api/v1/dossiers', hard.body.value.key)).status).toBe(200);
  });

  it('refuses what is not a live key, and bad key requests, with typed errors and nothing stored', async () => {
    const { key, record } = await createKey(f.hub.url, 'Phần mềm Tư pháp', 'tu-phap', ['dossiers:read']);
    expect((await get('/api/v1/dossiers')).body.error?.kind).toBe('unauthorized');
    expect((await get('/api/v1/dossiers', 'not-a-key')).status).toBe(401);
    expect((await get('/api/v1/dossiers', `mck_aaaaaaaaaaaa_${'A'.repeat(43)}`)).body.error?.message).toContain('không tồn tại');
    expect((await get('/api/v1/dossiers', `mck_${record.id}_${'A'.repeat(43)}`)).body.error?.message).toContain('không đúng');
    // A device token is not an API key, and an API key is not a device token.
    expect((await get('/api/v1/dossiers', ADMIN_TOKEN)).status).toBe(401);
    expect((await call(f.hub.url, 'GET', '/api/snapshot', { bearer: key })).status).toBe(401);

    const bad = async (body: Record<string, unknown>) => call(f.hub.url, 'POST', '/api/apikeys', { bearer: ADMIN_TOKEN, body: { commandId: commandId(), ...body } });
    expect((await bad({ name: 'X', departmentId: null, permissions: ['dossiers:read'] })).status).toBe(400);
    expect((await bad({ name: 'Hệ thống', departmentId: null, permissions: [] })).status).toBe(400);
    expect((await bad({ name: 'Hệ thống', departmentId: null, permissions: ['dossiers:delete'] })).status).toBe(400);
    expect((await bad({ name: 'Hệ thống', departmentId: null, permissions: ['stats:read', 'stats:read'] })).status).toBe(400);
    const unknownDept = await bad({ name: 'Hệ thống', departmentId: 'so-khong-co', permissions: ['stats:read'] });
    expect(unknownDept.status).toBe(400);
    expect(unknownDept.body.error?.message).toContain('so-khong-co');
    expect((await call(f.hub.url, 'POST', '/api/apikeys/zzzzzzzzzzzz/revoke', { bearer: ADMIN_TOKEN, body: { commandId: commandId() } })).status).toBe(404);
    // Only an admin device manages keys.
    const { tokenOf, demoConfig } = await import('../support/centre');
    const asCounter = await call(f.hub.url, 'POST', '/api/apikeys', { bearer: tokenOf(demoConfig(), 'counter-1'), body: { commandId: commandId(), name: 'Hệ thống', departmentId: null, permissions: ['stats:read'] } });
    expect(asCounter.status).toBe(403);
    const keys = await call(f.hub.url, 'POST', '/api/apikeys/list', { bearer: ADMIN_TOKEN, body: { commandId: commandId() } });
    expect(keys.body.value.keys).toHaveLength(1);
  });

  it('keeps only the SHA-256 of each secret: no secret in the store (SQLite: the database and WAL files; PostgreSQL: every row of every table), nor in the command log', async () => {
    const a = await createKey(f.hub.url, 'Phần mềm A', 'tu-phap', ['dossiers:read']);
    const b = await createKey(f.hub.url, 'Phần mềm B', null, ['stats:read']);
    const rotated = await call(f.hub.url, 'POST', `/api/apikeys/${a.record.id}/rotate`, { bearer: ADMIN_TOKEN, body: { commandId: commandId() } });
    expect((await get('/api/v1/dossiers', rotated.body.value.key)).status).toBe(200);
    const secrets = [a.key, b.key, rotated.body.value.key as string].map((k) => parseApiKey(k)!.secret);
    const stored = async (): Promise<Buffer> => {
      if (f.storeKind === 'sqlite') {
        const files = ['hub.sqlite', 'hub.sqlite-wal'].map((n) => path.join(f.dir, n));
        return Buffer.concat(files.map((file) => { try { return readFileSync(file); } catch { return Buffer.alloc(0); } }));
      }
      const tables = (await f.rows(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)) as { name: string }[];
      const dumps = await Promise.all(tables.map(async ({ name }) => JSON.stringify(await f.rows(`SELECT * FROM "${name}"`))));
      return Buffer.from(dumps.join('\n'));
    };
    const bytes = await stored();
    expect(bytes.length).toBeGreaterThan(0);
    // The id is stored (it names the key); the secrets are not, in any encoding we write.
    expect(bytes.includes(Buffer.from(a.record.id))).toBe(true);
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(`mck_`))).toBe(false);
    }
    await f.restart();
    const after = await stored();
    for (const secret of secrets) expect(after.includes(Buffer.from(secret))).toBe(false);
    // And the keys still work after the restart (the hashes are durable).
    expect((await call(f.hub.url, 'GET', '/api/v1/dossiers', { bearer: rotated.body.value.key })).status).toBe(200);
  });

  it('once the centre has administrator accounts, keys are managed only with an administrator signed in, who is the audited actor', async () => {
    expect(await f.adminAccounts((accounts) => accounts.add('quan-tri', 'mat-khau-dai-va-kho-doan-2026'), () => now)).toMatchObject({ ok: true });
    const body = { commandId: commandId(), name: 'Hệ thống tỉnh', departmentId: null, permissions: ['stats:read'] };
    const refused = await call(f.hub.url, 'POST', '/api/apikeys', { bearer: ADMIN_TOKEN, body });
    expect(refused.status).toBe(401);
    expect((await call(f.hub.url, 'POST', '/api/apikeys/list', { bearer: ADMIN_TOKEN, body: { commandId: commandId() } })).status).toBe(401);
    const signIn = await call(f.hub.url, 'POST', '/api/admin/sign-in', { bearer: ADMIN_TOKEN, body: { username: 'quan-tri', password: 'mat-khau-dai-va-kho-doan-2026' } });
    expect(signIn.status).toBe(200);
    const made = await call(f.hub.url, 'POST', '/api/apikeys', { bearer: ADMIN_TOKEN, body, headers: { 'x-admin-session': signIn.body.value.token } });
    expect(made.status).toBe(200);
    expect(made.body.value.record.createdBy).toBe('quan-tri');
    expect((await f.hub.audit.list()).filter((a) => a.action === 'apikey.create').map((a) => a.actor)).toEqual(['quan-tri']);
  });
});
