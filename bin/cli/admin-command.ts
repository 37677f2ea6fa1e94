import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Result } from '../../core/result';
import { AdminAccounts } from '../../hub/admin/admin-accounts';
import { CENTRE_OPTION, openCentreStore, STORE_OPTION, type CentreStoreOptions } from './centre-store';
import { runStoreTool } from './store-tool';

type StoreOptions = CentreStoreOptions;

/**
 * The centre's accounts where its hub keeps them: the SQLite file (safe beside a running hub: WAL)
 * or, with --store/--centre, the centre's rows in the province database (every hub process of the
 * centre sees the change at the next sign-in).
 */
async function withAccounts<T>(opts: StoreOptions, fn: (accounts: AdminAccounts) => Promise<T>): Promise<T> {
  const clock = () => new Date();
  const opened = await openCentreStore(opts, clock);
  try {
    return await fn(new AdminAccounts(opened.repos.adminAccounts, clock));
  } finally {
    await opened.close();
  }
}

function mustOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * The password, never from argv (it would sit in the shell history and in `ps`): the first line of
 * stdin when it is piped, else typed twice at a prompt that does not echo.
 */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      process.stderr.write(question);
      const muted = new Writable({ write: (_chunk, _enc, done) => done() });
      const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
      rl.question('', (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Mật khẩu (password): ');
  if ((await ask('Nhập lại (again): ')) !== first) throw new Error('Hai lần nhập mật khẩu không khớp (the passwords differ).');
  return first;
}

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description("the centre's administrator accounts (the admin screen's sign-in), in the hub's database (SQLite file, or --store postgres://… --centre ID)");
  const store = (c: Command) =>
    c
      .option('-c, --config <file>', 'centre config (JSON)', 'kiosk-config/demo-centre.json')
      .option('--data-dir <dir>', "the hub's data dir (default: from the config)")
      .option(...STORE_OPTION)
      .option(...CENTRE_OPTION);

  store(admin.command('add').description('add an administrator; the password is read from stdin or typed at a prompt, never given as an argument'))
    .requiredOption('-u, --username <name>', 'sign-in name: 3–40 characters a–z 0–9 . _ -')
    .action((opts: StoreOptions & { username: string }) =>
      runStoreTool(async () => {
        const password = await readPassword();
        const account = await withAccounts(opts, async (a) => mustOk(await a.add(opts.username, password)));
        console.log(`Đã thêm quản trị viên "${account.username}" (administrator added).`);
      }),
    );

  store(admin.command('list').description('list the administrators (names and dates, never a hash)')).action((opts: StoreOptions) =>
    runStoreTool(async () => {
      const accounts = await withAccounts(opts, (a) => a.list());
      if (accounts.length === 0) console.log('Chưa có tài khoản quản trị (no administrator yet): motcua admin add --username …');
      for (const a of accounts) console.log(`${a.username}\ttạo ${a.createdAt}\tđổi mật khẩu ${a.passwordSetAt}`);
    }),
  );

  store(admin.command('remove').description('remove an administrator and end their sessions'))
    .requiredOption('-u, --username <name>', 'sign-in name')
    .action((opts: StoreOptions & { username: string }) =>
      runStoreTool(async () => {
        await withAccounts(opts, async (a) => mustOk(await a.remove(opts.username)));
        console.log(`Đã xoá quản trị viên "${opts.username}" (removed).`);
      }),
    );

  store(admin.command('reset-password').description("set an administrator's new password (stdin or prompt) and end their sessions"))
    .requiredOption('-u, --username <name>', 'sign-in name')
    .action((opts: StoreOptions & { username: string }) =>
      runStoreTool(async () => {
        const password = await readPassword();
        await withAccounts(opts, async (a) => mustOk(await a.resetPassword(opts.username, password)));
        console.log(`Đã đặt mật khẩu mới cho "${opts.username}" (password reset).`);
      }),
    );
}
