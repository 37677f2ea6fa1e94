import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sqliteAdminAccounts } from '../../hub/admin/admin-accounts';
import { openDatabase } from '../../hub/db/open-database';

export const DEMO_ADMIN_USERNAME = 'quan-tri-demo';

/**
 * The demo centre's administrator: created in the hub's database on each demo start with a fresh
 * random password (a password printed once, not a fixed one a reader of the README could use).
 */
export async function ensureDemoAdmin(dataDir: string): Promise<{ readonly username: string; readonly password: string }> {
  const password = randomBytes(12).toString('base64url');
  const db = openDatabase(path.join(dataDir, 'hub.sqlite'));
  try {
    const accounts = sqliteAdminAccounts(db, () => new Date());
    const added = await accounts.add(DEMO_ADMIN_USERNAME, password);
    if (!added.ok) {
      const reset = await accounts.resetPassword(DEMO_ADMIN_USERNAME, password);
      if (!reset.ok) throw new Error(reset.error.message);
    }
  } finally {
    db.close();
  }
  return { username: DEMO_ADMIN_USERNAME, password };
}
