import { z } from 'zod';
import { err, ok, type Result } from '../../core/result';
import type { AdminLock, PinVerdict } from './admin-lock';
import { copyFileSync } from 'node:fs';
import { writePairedConfig } from '../agent/paired-config';
import { pairWithHub } from '../agent/pairing-client';
import { loadTerminalConfig } from '../agent/terminal-config';
import { lastGoodPathOf, readRawConfig, saveTerminalConfig } from './config-store';

export { ADMIN_CHANNEL, ADMIN_GESTURE_CHANNEL } from './admin-channels';

/** The main-process side of the admin dialog's calls. Electron-free: the window wiring injects the actions. */


export interface AdminState {
  readonly pinConfigured: boolean;
  readonly lockedForMs: number;
  readonly unlocked: boolean;
  /** No usable config: the dialog is the setup page. */
  readonly setup: boolean;
  /** What is wrong with the config file (file, field, expected), when something is. */
  readonly problem: string | null;
}

export interface AdminActions {
  /** "Thoát chế độ kiosk": quit to the desktop for maintenance. */
  exit(): void;
  reload(): void;
  /** After settings were saved: start again on the new config. */
  relaunch(): void;
  close(): void;
}

export interface AdminServiceOptions {
  readonly lock: AdminLock;
  readonly configPath: string;
  readonly setup: boolean;
  readonly problem: string | null;
  readonly actions: AdminActions;
}

const PinInput = z.strictObject({ pin: z.string().max(64) });
const SettingsInput = z.strictObject({
  hubUrl: z.string(),
  deviceId: z.string(),
  token: z.string(),
  printerInterface: z.string(),
  idleSeconds: z.union([z.string(), z.number()]),
});
const EDITABLE = ['hubUrl', 'deviceId', 'token', 'printerInterface', 'idleSeconds'] as const;
const PairInput = z.strictObject({ hubUrl: z.string().min(1).max(300), code: z.string().min(1).max(20) });

export class AdminService {
  readonly #o: AdminServiceOptions;

  constructor(options: Readonly<AdminServiceOptions>) {
    this.#o = options;
  }

  state(): AdminState {
    const { lock, setup, problem } = this.#o;
    // A terminal with no config and no PIN anywhere is being installed: the setup form is open.
    const unlocked = lock.isUnlocked() || (setup && !lock.pinConfigured);
    return { pinConfigured: lock.pinConfigured, lockedForMs: lock.lockedForMs(), unlocked, setup, problem };
  }

  handle(name: unknown, payload: unknown): Result<unknown> {
    if (name === 'state') return ok(this.state());
    if (name === 'pin') {
      const input = PinInput.safeParse(payload);
      if (!input.success) return err('invalid-input', 'pin: a string');
      return ok(this.#o.lock.tryPin(input.data.pin) satisfies PinVerdict);
    }
    if (name === 'close') {
      this.#o.lock.end();
      this.#o.actions.close();
      return ok(null);
    }
    if (!this.state().unlocked) return err('forbidden', 'Cần nhập mã PIN quản trị');
    switch (name) {
      case 'exit':
        this.#o.actions.exit();
        return ok(null);
      case 'reload':
        this.#o.lock.end();
        this.#o.actions.reload();
        return ok(null);
      case 'settings:get':
        return ok(this.#settings());
      case 'settings:save':
        return this.#save(payload);
      default:
        return err('invalid-input', `unknown admin call: ${String(name)}`);
    }
  }

  /**
   * "Mã ghép nối": pairs this terminal with the hub (main/agent/pairing-client.ts: the CA the
   * handshake presented must be the one the hub answers), writes hubUrl, hubCa, deviceId and the
   * credential into the config (0600, other fields kept), and starts again on it.
   */
  async pair(payload: unknown): Promise<Result<unknown>> {
    if (!this.state().unlocked) return err('forbidden', 'Cần nhập mã PIN quản trị');
    const input = PairInput.safeParse(payload);
    if (!input.success) return err('invalid-input', 'pair: hubUrl, code');
    const paired = await pairWithHub({ hubUrl: input.data.hubUrl, code: input.data.code });
    if (!paired.ok) return paired;
    if (loadTerminalConfig(this.#o.configPath).ok) copyFileSync(this.#o.configPath, lastGoodPathOf(this.#o.configPath));
    const written = writePairedConfig(this.#o.configPath, paired.value);
    if (!written.ok) return written;
    this.#o.lock.end();
    this.#o.actions.relaunch();
    return ok({ deviceId: paired.value.deviceId });
  }

  /** The editable fields only: the PIN hash is never sent to a page. */
  #settings(): Record<string, unknown> {
    const raw = readRawConfig(this.#o.configPath) ?? {};
    return Object.fromEntries(EDITABLE.map((key) => [key, raw[key] ?? '']));
  }

  #save(payload: unknown): Result<unknown> {
    const input = SettingsInput.safeParse(payload);
    if (!input.success) return err('invalid-input', 'settings: hubUrl, deviceId, token, printerInterface, idleSeconds');
    const { printerInterface, idleSeconds, ...rest } = input.data;
    const idle = typeof idleSeconds === 'number' ? idleSeconds : idleSeconds.trim() === '' ? undefined : Number(idleSeconds);
    // Fields the form does not show (adminPinHash, dataDir) are kept as they are.
    const raw = readRawConfig(this.#o.configPath) ?? {};
    // A paired terminal's form leaves the token empty: its credential stays what signs it in.
    const secret = rest.token.trim() === '' && typeof raw['credential'] === 'string' ? { token: undefined } : { credential: undefined };
    // A list of hub addresses (hubUrls) is edited in the file: the form's empty address keeps it; an address typed replaces it.
    const address = rest.hubUrl.trim() === '' && Array.isArray(raw['hubUrls']) ? { hubUrl: undefined } : { hubUrls: undefined };
    const next: Record<string, unknown> = { ...raw, ...rest, ...secret, ...address, printerInterface: printerInterface.trim() || undefined, idleSeconds: idle };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    const saved = saveTerminalConfig(this.#o.configPath, next);
    if (!saved.ok) return saved;
    this.#o.lock.end();
    this.#o.actions.relaunch();
    return ok(null);
  }
}
