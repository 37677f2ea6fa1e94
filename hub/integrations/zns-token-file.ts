import fs from 'node:fs';
import path from 'node:path';
import type { ZnsTokens, ZnsTokenStore } from './zalo-zns';

/**
 * The Zalo OA's tokens in a file beside the hub's database (mode 0600, replaced atomically): the
 * refresh token rotates on each use, so each new one is on disk before the access token is used.
 * With no file yet, the first refresh token given by the administrator starts the chain.
 */
export class ZnsTokenFile implements ZnsTokenStore {
  constructor(
    private readonly file: string,
    private readonly initialRefreshToken?: string,
  ) {}

  load(): Promise<ZnsTokens | null> {
    try {
      return Promise.resolve(JSON.parse(fs.readFileSync(this.file, 'utf8')) as ZnsTokens);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return Promise.reject(e as Error);
      // An expired access token: the notifier refreshes at once with the administrator's refresh token.
      return Promise.resolve(this.initialRefreshToken ? { accessToken: '', refreshToken: this.initialRefreshToken, accessExpiresAt: new Date(0).toISOString() } : null);
    }
  }

  save(tokens: ZnsTokens): Promise<void> {
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(tokens), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    return Promise.resolve();
  }

  /** One process holds the file (a SQLite hub): the notifier's own one-at-a-time refresh suffices. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
}
