import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PgClientTools } from '../../hub/backup/pg-backup';
import { StoreToolError } from '../../hub/store/pg/tool-error';

/**
 * The database URL for pg_dump/pg_restore without its password, and the password for PGPASSWORD:
 * a password on the command line is readable by every user of the machine (`ps`).
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

const cannotRun = (tool: string, e: Error) => new StoreToolError('internal', `Không chạy được ${tool} (cài gói postgresql-client): ${e.message}`, `Cannot run ${tool} (install postgresql-client): ${e.message}`);
const exitedWith = (tool: string, code: number | null, err: string) => new StoreToolError('internal', `${tool} dừng với mã ${code}: ${err.trim()}`, `${tool} exited with code ${code}: ${err.trim()}`);

/** A client tool started: its exit (rejecting when it cannot run) and its last words on stderr. */
function start(tool: string, args: readonly string[], env: NodeJS.ProcessEnv, stdio: ['pipe' | 'ignore', 'pipe' | 'ignore']) {
  const child = spawn(tool, args, { env, stdio: [...stdio, 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', (e) => reject(cannotRun(tool, e)));
    child.on('close', resolve);
  });
  exit.catch(() => undefined); // awaited by the caller
  return { child, exit, lastWords: () => err };
}

/** A tool's stdout as it comes; throws once it ends if the tool failed (stopped if the reader stops). */
async function* toolOutput(tool: string, args: readonly string[], env: NodeJS.ProcessEnv): AsyncGenerator<Buffer> {
  const { child, exit, lastWords } = start(tool, args, env, ['ignore', 'pipe']);
  let read = false;
  try {
    for await (const chunk of child.stdout!) yield chunk as Buffer;
    read = true;
  } finally {
    // The reader stopped before the end (an error downstream): the tool has no one to write to.
    if (!read) child.kill();
  }
  const code = await exit;
  if (code !== 0) throw exitedWith(tool, code, lastWords());
}

/**
 * A tool fed from `input`. When `input` throws (a damaged record of a backup), the tool is stopped
 * before it reads to the end — pg_restore's single transaction then never commits — and that
 * error is the answer; when the tool stops early, its exit code and last words are.
 */
async function toolInput(tool: string, args: readonly string[], env: NodeJS.ProcessEnv, input: AsyncIterable<Buffer>): Promise<void> {
  const { child, exit, lastWords } = start(tool, args, env, ['pipe', 'ignore']);
  let inputFailure: { error: unknown } | null = null;
  async function* guarded(): AsyncGenerator<Buffer> {
    try {
      yield* input;
    } catch (e) {
      inputFailure = { error: e };
      throw e;
    }
  }
  try {
    await pipeline(Readable.from(guarded()), child.stdin!);
  } catch {
    // Either the input failed (below) or the tool stopped reading (its exit code says why).
  }
  if (inputFailure) {
    child.kill();
    await exit.catch(() => undefined);
    throw (inputFailure as { error: unknown }).error;
  }
  const code = await exit;
  if (code !== 0) throw exitedWith(tool, code, lastWords());
}

/** pg_dump and pg_restore from PATH (Debian's postgresql-client) against the store at `url`. */
export function pgClientTools(url: string): PgClientTools {
  const { dbname, env } = connection(url);
  return {
    dump: () => toolOutput('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${dbname}`], env),
    restore: (plain) => toolInput('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`], env, plain),
  };
}
