import { readFileSync } from 'node:fs';

/** The environment variable that holds the backup passphrase; it wins over the config's keyFile. */
export const BACKUP_KEY_ENV = 'MOTCUA_BACKUP_KEY';

/** The backup passphrase: from the environment, else the first line of the key file, else a clear refusal. */
export function backupPassphrase(env: Readonly<Record<string, string | undefined>>, keyFile: string | undefined): string {
  const fromEnv = env[BACKUP_KEY_ENV];
  if (fromEnv) return fromEnv;
  if (keyFile) {
    const key = readFileSync(keyFile, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
    if (key.length < 12) throw new Error(`${keyFile}: the backup passphrase must be at least 12 characters`);
    return key;
  }
  throw new Error(`no backup key: set ${BACKUP_KEY_ENV}, or hub.backup.keyFile in the centre config, or pass --key-file`);
}
