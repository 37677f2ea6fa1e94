import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../core/result';

/**
 * How an operator gets a new launch address from a running agent (a TV's browser restarted, a
 * second screen): `motcua launch-code --data-dir DIR` reads this file, which the agent writes into
 * its data folder readable by its own user only, and asks the agent over loopback — the secret in
 * a header, never in a URL. Whoever can read the terminal's data folder can already read its
 * device credential, so this trusts no one new.
 */
export const LAUNCH_CONTROL_FILE = 'screen-control.json';
/** The route the CLI posts to (loopback only, with the secret as a bearer token). */
export const LAUNCH_CONTROL_PATH = '/launch-codes';

const ControlFileSchema = z.object({ origin: z.url({ protocol: /^http$/ }), secret: z.string().min(32) });
const AnswerSchema = z.union([
  z.object({ ok: z.literal(true), value: z.object({ launchUrl: z.url() }) }),
  z.object({ ok: z.literal(false), error: z.object({ kind: z.string(), message: z.string() }) }),
]);

/** The agent's side: a new secret, written to `file` (mode 0600); `remove` deletes it again if it is still ours. */
export function writeLaunchControl(file: string, origin: string): { readonly secret: string; remove(): void } {
  const secret = randomBytes(32).toString('base64url');
  const body = JSON.stringify({ origin, secret });
  mkdirSync(path.dirname(file), { recursive: true });
  // A file left by an earlier run keeps its old mode if rewritten: replaced instead.
  rmSync(file, { force: true });
  writeFileSync(file, `${body}\n`, { mode: 0o600, flag: 'wx' });
  return {
    secret,
    remove: () => {
      if (existsSync(file) && readFileSync(file, 'utf8').trim() === body) rmSync(file, { force: true });
    },
  };
}

/** Whether an `authorization` header carries `secret` (compared in constant time). */
export function carriesSecret(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The CLI's side: asks the agent whose data folder is `dataDir` for a fresh launch address. */
export async function requestLaunchUrl(dataDir: string): Promise<Result<string>> {
  const file = path.join(dataDir, LAUNCH_CONTROL_FILE);
  if (!existsSync(file)) return err('not-found', `${file} not found: is the terminal agent running with this data folder?`);
  let control: z.infer<typeof ControlFileSchema>;
  try {
    const parsed = ControlFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return err('invalid-input', `${file} is not a screen-control file`);
    control = parsed.data;
  } catch (e) {
    return err('invalid-input', `${file}: ${(e as Error).message}`);
  }
  let response: Response;
  try {
    response = await fetch(new URL(LAUNCH_CONTROL_PATH, control.origin), { method: 'POST', headers: { authorization: `Bearer ${control.secret}` }, signal: AbortSignal.timeout(10_000) });
  } catch {
    return err('not-found', `no terminal agent answers at ${control.origin}: is it running?`);
  }
  const answer = AnswerSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success) return err('internal', `unexpected answer from ${control.origin} (HTTP ${response.status})`);
  return answer.data.ok ? ok(answer.data.value.launchUrl) : err('unauthorized', answer.data.error.message);
}
