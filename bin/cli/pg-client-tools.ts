import { spawn } from 'node:child_process';
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

/** Runs a PostgreSQL client tool; its stdout as bytes; a failure names the tool and its last words. */
function runTool(tool: string, args: readonly string[], env: NodeJS.ProcessEnv, stdin?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.on('error', (e) => reject(new StoreToolError('internal', `Không chạy được ${tool} (cài gói postgresql-client): ${e.message}`, `Cannot run ${tool} (install postgresql-client): ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new StoreToolError('internal', `${tool} dừng với mã ${code}: ${err.trim()}`, `${tool} exited with code ${code}: ${err.trim()}`));
    });
    child.stdin.on('error', () => undefined); // the tool's own exit code says what went wrong
    child.stdin.end(stdin);
  });
}

/** pg_dump and pg_restore from PATH (Debian's postgresql-client) against the store at `url`. */
export function pgClientTools(url: string): PgClientTools {
  const { dbname, env } = connection(url);
  return {
    dump: () => runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${dbname}`], env),
    restore: async (plain) => {
      await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`], env, plain);
    },
  };
}
