import type { Command } from 'commander';
import type { Result } from '../../core/result';
import { AdminAccounts } from '../../hub/admin/admin-accounts';
import { connectStore } from '../../hub/store/pg/connect';
import { PgAdminAccountRepository } from '../../hub/store/pg/pg-admin-account-repository';
import { PgStore } from '../../hub/store/pg/pg-store';
import { createPgPool } from '../../hub/store/pg/pool';
import { redactUrl } from '../../hub/store/pg/tool-error';
import { readPassword } from './admin-command';
import { mustBeCurrentSchema } from './centre-store';
import { runStoreTool } from './store-tool';

interface ProvinceAdminOptions {
  readonly store: string;
  readonly username: string;
}

/**
 * The province's administrators (accounts of no centre) in the province database: the same
 * AdminAccounts as `motcua admin` (password rules, hashing, conflicts), over the province's rows.
 * Every hub process sees a change at the next sign-in. Refusals as `motcua migrate --store`.
 */
async function withProvinceAccounts<T>(url: string, fn: (accounts: AdminAccounts) => Promise<T>): Promise<T> {
  const client = await connectStore(url, 'motcua-province-admin');
  try {
    await mustBeCurrentSchema(client, redactUrl(url));
  } finally {
    await client.end().catch(() => undefined);
  }
  const pool = createPgPool(url, { max: 2, applicationName: 'motcua-province-admin' });
  try {
    return await fn(new AdminAccounts(new PgAdminAccountRepository(new PgStore(pool).sql, null), () => new Date()));
  } finally {
    await pool.end();
  }
}

function mustOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** `motcua province admin add|list|remove|reset-password --store postgres://… [--username NAME]`. */
export function registerProvinceAdminCommands(province: Command): void {
  const admin = province.command('admin').description("the province's administrators: they sign in at any centre's admin screen and read the province statistics only (PostgreSQL)");
  const store = (c: Command) => c.requiredOption('--store <url>', 'the province database, postgres://user@host/db');

  store(admin.command('add').description('add a province administrator; the password is read from stdin or typed at a prompt, never given as an argument'))
    .requiredOption('-u, --username <name>', 'sign-in name: 3–40 characters a–z 0–9 . _ - (unique across the province, centres included)')
    .action((opts: ProvinceAdminOptions) =>
      runStoreTool(async () => {
        const password = await readPassword();
        const account = await withProvinceAccounts(opts.store, async (a) => mustOk(await a.add(opts.username, password)));
        console.log(`Đã thêm quản trị viên cấp tỉnh "${account.username}" (province administrator added).`);
      }),
    );

  store(admin.command('list').description('list the province administrators (names and dates, never a hash)')).action((opts: Pick<ProvinceAdminOptions, 'store'>) =>
    runStoreTool(async () => {
      const accounts = await withProvinceAccounts(opts.store, (a) => a.list());
      if (accounts.length === 0) console.log('Chưa có quản trị viên cấp tỉnh (no province administrator yet): motcua province admin add --store … --username …');
      for (const a of accounts) console.log(`${a.username}\ttạo ${a.createdAt}\tđổi mật khẩu ${a.passwordSetAt}`);
    }),
  );

  store(admin.command('remove').description('remove a province administrator and end their sessions'))
    .requiredOption('-u, --username <name>', 'sign-in name')
    .action((opts: ProvinceAdminOptions) =>
      runStoreTool(async () => {
        await withProvinceAccounts(opts.store, async (a) => mustOk(await a.remove(opts.username)));
        console.log(`Đã xoá quản trị viên cấp tỉnh "${opts.username}" (removed).`);
      }),
    );

  store(admin.command('reset-password').description("set a province administrator's new password (stdin or prompt) and end their sessions"))
    .requiredOption('-u, --username <name>', 'sign-in name')
    .action((opts: ProvinceAdminOptions) =>
      runStoreTool(async () => {
        const password = await readPassword();
        await withProvinceAccounts(opts.store, async (a) => mustOk(await a.resetPassword(opts.username, password)));
        console.log(`Đã đặt mật khẩu mới cho "${opts.username}" (password reset).`);
      }),
    );
}
