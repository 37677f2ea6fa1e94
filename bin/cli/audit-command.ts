import BetterSqlite3 from 'better-sqlite3';
import type { Command } from 'commander';
import { verifyAllChains } from '../../hub/audit/chain-verifier';
import { hubDatabaseFile } from './data-dir';

/** `motcua audit verify`: walks the hash chains; exit 0 with "ok, N rows", or 1 naming the first broken link. */
export function runAuditVerify(opts: { dataDir?: string; config: string }): void {
  const file = hubDatabaseFile(opts);
  // Read-only: verifying never writes, and is safe beside a running hub (WAL readers do not block it).
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const r = verifyAllChains(db);
    if (r.ok) {
      console.log(`ok, ${r.rows} rows`);
      return;
    }
    console.error(`broken: table ${r.broken.table}, row ${r.broken.rowId}: ${r.broken.problem} (${r.rows} rows verified before it)`);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident records: Form 05 dossier history and administrative actions');
  audit
    .command('verify')
    .description('walk both hash chains; exit 1 and name the first broken link (table, row id, what differs)')
    .option('-c, --config <file>', 'centre config (JSON), for hub.dataDir', 'kiosk-config/demo-centre.json')
    .option('--data-dir <dir>', 'the folder holding hub.sqlite (default: from the config)')
    .action(runAuditVerify);
}
