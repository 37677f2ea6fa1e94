import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentre } from '../../bin/cli/centre-runtime';
import { createCentreCa } from '../../hub/tls/certificate-authority';
import { rotateCredential } from '../../main/agent/credential-rotation';
import { writePairedConfig } from '../../main/agent/paired-config';
import { pairWithHub } from '../../main/agent/pairing-client';
import { SetupServer } from '../../main/agent/setup/setup-server';
import { loadTerminalConfig, TerminalConfigSchema } from '../../main/agent/terminal-config';
import { demoConfig, startHub, tempDir } from '../support/centre';

const CREDENTIAL = 'c'.repeat(43);

describe("the terminal's side of pairing", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const dir = () => {
    const t = tempDir('motcua-terminal-pair-');
    cleanups.push(t.remove);
    return t.dir;
  };

  it('a config holds a paired credential or a legacy token, exactly one', () => {
    const base = { hubUrl: 'http://127.0.0.1:8080', deviceId: 'kiosk-1' };
    expect(TerminalConfigSchema.safeParse({ ...base, credential: CREDENTIAL }).success).toBe(true);
    expect(TerminalConfigSchema.safeParse({ ...base, token: 'demo-kiosk-1-0d6f3a9c2b7e4f18' }).success).toBe(true);
    expect(TerminalConfigSchema.safeParse({ ...base, credential: CREDENTIAL, token: 'demo-kiosk-1-0d6f3a9c2b7e4f18' }).success).toBe(false);
    expect(TerminalConfigSchema.safeParse(base).success).toBe(false);
  });

  it('a pairing replaces the legacy token in the config file, keeps the local settings, and the file is 0600', () => {
    const file = path.join(dir(), 'terminal.json');
    writeFileSync(file, JSON.stringify({ hubUrl: 'http://10.0.0.2:8080', deviceId: 'kiosk-1', token: 'demo-kiosk-1-0d6f3a9c2b7e4f18', printerInterface: 'tcp://10.0.0.50:9100', idleSeconds: 90 }), { mode: 0o644 });
    const caPem = createCentreCa('Trung tâm thử', new Date()).certPem;
    const fingerprint = new X509Certificate(caPem).fingerprint256;
    const written = writePairedConfig(file, { hubUrl: 'https://10.0.0.2:8080', deviceId: 'kiosk-1', credential: CREDENTIAL, hubCa: caPem, hubCaFingerprint: fingerprint });
    expect(written).toEqual({ ok: true, value: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(raw).toEqual({ hubUrl: 'https://10.0.0.2:8080', deviceId: 'kiosk-1', credential: CREDENTIAL, hubCa: caPem, hubCaFingerprint: fingerprint, printerInterface: 'tcp://10.0.0.50:9100', idleSeconds: 90 });
    const loaded = loadTerminalConfig(file);
    expect(loaded).toMatchObject({ ok: true, value: { token: CREDENTIAL, paired: true, printerInterface: 'tcp://10.0.0.50:9100' } });
  });

  it("the setup page pairs only for its own page: another origin, or a form post, is refused and nothing is written", async () => {
    const file = path.join(dir(), 'terminal.json');
    const setup = new SetupServer({ configFile: file });
    cleanups.push(() => setup.close());
    const { url } = await setup.start();
    const page = await fetch(url);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Địa chỉ máy chủ');
    expect(html).toContain('Mã ghép nối');
    const post = (headers: Record<string, string>) => fetch(new URL('/setup/pair', url), { method: 'POST', headers, body: JSON.stringify({ hubUrl: 'http://127.0.0.1:1', code: '12345678' }) });
    const foreign = await post({ origin: 'http://evil.example', 'content-type': 'application/json' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const form = await post({ origin: new URL(url).origin, 'content-type': 'application/x-www-form-urlencoded' });
    expect(await form.json()).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    // Its own origin, but no hub there: the refusal says so.
    const unreachable = await post({ origin: new URL(url).origin, 'content-type': 'application/json' });
    expect(await unreachable.json()).toMatchObject({ ok: false, error: { kind: 'hub-unreachable' } });
    expect(existsSync(file)).toBe(false);
  });

  it('a paired terminal rotates its credential over TLS: the file gets the new one (0600), and the old one is refused after', async () => {
    const d = dir();
    const hub = await startHub(path.join(d, 'hub.sqlite'), { tls: {} });
    cleanups.push(() => hub.close());
    const code = await hub.pairing.createCode('kiosk-1', 'test', new Date());
    if (!code.ok) throw new Error(code.error.message);
    const paired = await pairWithHub({ hubUrl: hub.url, code: code.value.code });
    if (!paired.ok) throw new Error(paired.error.message);
    const file = path.join(d, 'kiosk', 'terminal.json');
    expect(writePairedConfig(file, paired.value).ok).toBe(true);
    const before = loadTerminalConfig(file);
    if (!before.ok) throw new Error(before.error.message);

    expect(await rotateCredential(before.value, file)).toEqual({ ok: true, value: { deviceId: 'kiosk-1' } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const after = loadTerminalConfig(file);
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.token).not.toBe(before.value.token);
    expect(after.value.hubCaFingerprint).toBe(hub.tls?.caFingerprint);
    expect((await hub.pairing.states()).find((s) => s.deviceId === 'kiosk-1')).toMatchObject({ state: 'paired', rotationPending: false });
    // The new one was confirmed by its sign-in: rotating with the old one is refused now.
    expect(await rotateCredential(before.value, file)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(await rotateCredential(after.value, file)).toMatchObject({ ok: true });
  });

  it('the demo centre pairs its own agents with one-time codes: each signs in with a credential kept 0600', async () => {
    const d = dir();
    const centre = await startCentre({ config: demoConfig(), dataDir: d, preferConfiguredPorts: false, pairDevices: true });
    cleanups.push(() => centre.close());
    for (const agent of Object.values(centre.agents)) {
      const file = path.join(d, 'terminals', agent.deviceId, 'terminal.json');
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
      expect(loadTerminalConfig(file)).toMatchObject({ ok: true, value: { deviceId: agent.deviceId, paired: true } });
    }
    const states = new Map((await centre.hub.pairing.states()).map((s) => [s.deviceId, s.state]));
    for (const agent of Object.values(centre.agents)) expect(states.get(agent.deviceId), agent.deviceId).toBe('paired');
    expect(states.get('counter-2')).toBe('legacy-token');
    // Every agent is connected with its paired credential.
    await Promise.all(
      Object.values(centre.agents).map(
        (a) =>
          new Promise<void>((resolve) => {
            if (a.agent.context().hubConnected) return resolve();
            const stop = a.agent.onContext((c) => {
              if (c.hubConnected) {
                stop();
                resolve();
              }
            });
          }),
      ),
    );
  }, 60_000);
});
