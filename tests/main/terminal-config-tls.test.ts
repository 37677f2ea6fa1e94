import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTerminalConfig } from '../../main/agent/terminal-config';
import { tempDir } from '../support/centre';

describe('the terminal config and the hub CA', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('motcua-terminal-config-');
  });
  afterEach(() => tmp.remove());
  const load = (config: Record<string, unknown>) => {
    const file = path.join(tmp.dir, 'terminal.json');
    writeFileSync(file, JSON.stringify({ deviceId: 'kiosk-1', token: 'a-token-of-16-chars-or-more', ...config }));
    return loadTerminalConfig(file);
  };

  it('an https:// hub without hubCa is refused, naming the field', () => {
    const r = load({ hubUrl: 'https://192.168.1.10:8080' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!r.ok) expect(r.error.message).toMatch(/hubCa.*an https:\/\/ hub needs hubCa/);
  });

  it('hubCa as a path is relative to the config file; PEM text is kept as it is', () => {
    const byPath = load({ hubUrl: 'https://192.168.1.10:8080', hubCa: 'ca.pem' });
    expect(byPath).toMatchObject({ ok: true, value: { hubCa: path.join(tmp.dir, 'ca.pem') } });
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(load({ hubUrl: 'https://192.168.1.10:8080', hubCa: pem })).toMatchObject({ ok: true, value: { hubCa: pem } });
  });

  it('a fingerprint that is not 64 hex digits is refused; a plain loopback http:// hub needs no CA', () => {
    expect(load({ hubUrl: 'https://192.168.1.10:8080', hubCa: 'ca.pem', hubCaFingerprint: 'AB:CD' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(load({ hubUrl: 'https://192.168.1.10:8080', hubCa: 'ca.pem', hubCaFingerprint: 'ab'.repeat(32) })).toMatchObject({ ok: true });
    expect(load({ hubUrl: 'http://127.0.0.1:8080' })).toMatchObject({ ok: true });
  });
});
