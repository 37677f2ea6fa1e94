import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminLock } from '../../main/electron/admin-lock';
import { AdminService, type AdminActions } from '../../main/electron/admin-service';
import { adminPinHashFor, chooseTerminalConfig, lastGoodPathOf, saveTerminalConfig } from '../../main/electron/config-store';
import { tempDir } from '../support/centre';

/** A broken terminal config never bricks the terminal; the admin's edits are validated first. Real temp files. */

const GOOD = { hubUrl: 'http://192.168.1.10:8080', deviceId: 'kiosk-1', token: 'k1-0123456789abcdef', dataDir: 'data' };
const PIN_HASH = `scrypt$16384$8$1$${'A'.repeat(22)}==$${'B'.repeat(43)}=`;

let temp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  temp = tempDir('motcua-config-');
  file = path.join(temp.dir, 'terminal.json');
});
afterEach(() => temp.remove());

const write = (f: string, value: unknown) => writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value));
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

describe('choosing the config to run with', () => {
  it('runs a valid current config and keeps it as the last good one', () => {
    write(file, GOOD);
    const choice = chooseTerminalConfig(file);
    expect(choice).toMatchObject({ kind: 'current', file, config: { deviceId: 'kiosk-1', dataDir: path.join(temp.dir, 'data') } });
    expect(read(lastGoodPathOf(file))).toEqual(GOOD);
    expect(path.basename(lastGoodPathOf(file))).toBe('terminal.last-good.json');
  });

  it('falls back to the last good config and names the file, the field and what was expected', () => {
    write(lastGoodPathOf(file), GOOD);
    write(file, { ...GOOD, hubUrl: 'hub.local' });
    const choice = chooseTerminalConfig(file);
    expect(choice.kind).toBe('last-good');
    if (choice.kind !== 'last-good') return;
    expect(choice.config.hubUrl).toBe(GOOD.hubUrl);
    expect(choice.file).toBe(lastGoodPathOf(file));
    expect(choice.problem).toContain(`${file}: hubUrl: the hub address, e.g. https://192.168.1.10:8080`);
    expect(choice.problem).toContain(lastGoodPathOf(file));
    // The broken file is left for the admin to see and fix; the last good one is untouched.
    expect(read(file)['hubUrl']).toBe('hub.local');
    expect(read(lastGoodPathOf(file))).toEqual(GOOD);
  });

  it('falls back on a file that is not even JSON', () => {
    write(lastGoodPathOf(file), GOOD);
    write(file, '{"hubUrl": ');
    const choice = chooseTerminalConfig(file);
    expect(choice.kind).toBe('last-good');
    if (choice.kind === 'last-good') expect(choice.problem).toContain(`${file}: cannot read the terminal config`);
  });

  it('asks for setup when neither is usable, saying what is wrong with each', () => {
    expect(chooseTerminalConfig(file)).toMatchObject({ kind: 'setup', problem: expect.stringContaining(file) });
    write(file, { ...GOOD, token: 'short' });
    write(lastGoodPathOf(file), { ...GOOD, deviceId: '' });
    const choice = chooseTerminalConfig(file);
    expect(choice.kind).toBe('setup');
    if (choice.kind !== 'setup') return;
    expect(choice.problem).toContain(`${file}: token:`);
    expect(choice.problem).toContain(`${lastGoodPathOf(file)}: deviceId:`);
  });

  it('finds the admin PIN hash even in a broken config, so setup still needs the PIN', () => {
    write(file, { ...GOOD, hubUrl: 'nope', adminPinHash: PIN_HASH });
    expect(adminPinHashFor(file)).toBe(PIN_HASH);
    write(file, '{broken');
    write(lastGoodPathOf(file), { ...GOOD, adminPinHash: PIN_HASH });
    expect(adminPinHashFor(file)).toBe(PIN_HASH);
    write(lastGoodPathOf(file), { ...GOOD, adminPinHash: '1234' });
    expect(adminPinHashFor(file)).toBeNull();
  });
});

describe('saving settings edited on the terminal', () => {
  it('refuses an invalid config without touching any file', () => {
    write(file, GOOD);
    const result = saveTerminalConfig(file, { ...GOOD, printerInterface: 'lpt1', idleSeconds: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-input');
    expect(result.error.message).toContain(`${file}: printerInterface:`);
    expect(result.error.message).toContain(`${file}: idleSeconds:`);
    expect(read(file)).toEqual(GOOD);
    expect(existsSync(lastGoodPathOf(file))).toBe(false);
  });

  it('saves a valid one atomically and keeps the previous one as last good', () => {
    write(file, GOOD);
    const next = { ...GOOD, hubUrl: 'http://10.0.0.2:8080', idleSeconds: 90 };
    const result = saveTerminalConfig(file, next);
    expect(result).toMatchObject({ ok: true, value: { hubUrl: 'http://10.0.0.2:8080', idleSeconds: 90 } });
    expect(read(file)).toEqual(next);
    expect(read(lastGoodPathOf(file))).toEqual(GOOD);
    expect(readdirSync(temp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not make a broken file the last good one', () => {
    write(lastGoodPathOf(file), GOOD);
    write(file, { ...GOOD, hubUrl: 'broken' });
    expect(saveTerminalConfig(file, { ...GOOD, deviceId: 'kiosk-2' }).ok).toBe(true);
    expect(read(lastGoodPathOf(file))).toEqual(GOOD);
    expect(read(file)['deviceId']).toBe('kiosk-2');
  });
});

describe('the admin dialog service', () => {
  function service(options: { setup?: boolean; pinHash?: string | null } = {}) {
    const done: string[] = [];
    const actions: AdminActions = {
      exit: () => done.push('exit'),
      reload: () => done.push('reload'),
      relaunch: () => done.push('relaunch'),
      close: () => done.push('close'),
    };
    const lock = new AdminLock({
      pinHash: options.pinHash === undefined ? 'plain:2468' : options.pinHash,
      verify: (pin, hash) => hash === `plain:${pin}`,
      now: () => 0,
    });
    return { admin: new AdminService({ lock, configPath: file, setup: options.setup ?? false, problem: null, actions }), done };
  }

  it('refuses every action before the PIN, and does nothing', () => {
    write(file, { ...GOOD, adminPinHash: PIN_HASH });
    const { admin, done } = service();
    for (const name of ['exit', 'reload', 'settings:get', 'settings:save']) {
      expect(admin.handle(name, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(admin.handle('pin', { pin: '0000' })).toMatchObject({ ok: true, value: { kind: 'refused' } });
    expect(admin.handle('exit', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(admin.handle('pin', { pin: 42 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(done).toEqual([]);
  });

  it('after the PIN: settings without the PIN hash, validated saves, exit and reload', () => {
    write(file, { ...GOOD, adminPinHash: PIN_HASH });
    const { admin, done } = service();
    expect(admin.handle('pin', { pin: '2468' })).toEqual({ ok: true, value: { kind: 'granted' } });
    const settings = admin.handle('settings:get', {});
    expect(settings).toEqual({ ok: true, value: { hubUrl: GOOD.hubUrl, deviceId: 'kiosk-1', token: GOOD.token, printerInterface: '', idleSeconds: '' } });
    const form = { hubUrl: 'http://10.0.0.9:8080', deviceId: 'kiosk-1', token: GOOD.token, printerInterface: '', idleSeconds: '' };
    const bad = admin.handle('settings:save', { ...form, hubUrl: 'ftp://x' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining(`${file}: hubUrl:`) } });
    expect(admin.handle('settings:save', form)).toEqual({ ok: true, value: null });
    // The fields the form does not show survive, and empty optional fields are left out.
    expect(read(file)).toEqual({ ...GOOD, hubUrl: 'http://10.0.0.9:8080', adminPinHash: PIN_HASH });
    expect(done).toEqual(['relaunch']);
    // Saving ended the session.
    expect(admin.handle('exit', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    admin.handle('pin', { pin: '2468' });
    expect(admin.handle('exit', {})).toEqual({ ok: true, value: null });
    expect(done).toEqual(['relaunch', 'exit']);
  });

  it('is open for setup only on a terminal with no PIN anywhere (first installation)', () => {
    expect(service({ setup: true, pinHash: null }).admin.state()).toMatchObject({ unlocked: true, setup: true });
    expect(service({ setup: true }).admin.state()).toMatchObject({ unlocked: false, setup: true });
    expect(service({ setup: false, pinHash: null }).admin.state()).toMatchObject({ unlocked: false, pinConfigured: false });
  });
});
