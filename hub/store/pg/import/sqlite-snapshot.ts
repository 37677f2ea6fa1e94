import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { verifyAllChains } from '../../../audit/chain-verifier';
import { migrate } from '../../../db/migration';
import { MIGRATIONS } from '../../../db/migrations';
import { StoreToolError } from '../tool-error';

/** A centre's SQLite file as the import reads it: a private copy, at the latest schema, its chains verified. */
export interface SqliteSnapshot {
  readonly db: Database;
  /** The file given. */
  readonly source: string;
  /** SHA-256 of the snapshot as taken (before any migration of the copy): the file's content. */
  readonly sha256: string;
  /** The file's schema version (PRAGMA user_version) as found. */
  readonly sourceVersion: number;
  /** Rows in the two hash chains, verified. */
  readonly chainRows: number;
  /** Closes the copy and removes it; the source file is never written. */
  close(): void;
}

/**
 * Takes a consistent copy of a hub's SQLite file with `VACUUM INTO` (what the WAL holds included,
 * the source opened read-only, so the source is never written), hashes the copy, and brings the
 * copy — never the source — to this build's latest migration. A file newer than this build, a
 * file that is not a hub database, or one whose hash chains do not verify is refused.
 *
 * The hash is of the VACUUM INTO copy rather than of the file's bytes: the same content gives the
 * same copy whether or not the hub checkpointed its WAL, so "the same file" means the same data.
 * Stop the centre's hub before importing: whatever it writes after the copy is not imported.
 */
export function openSqliteSnapshot(source: string): SqliteSnapshot {
  const file = path.resolve(source);
  if (!existsSync(file)) throw new StoreToolError('not-found', `Không có tệp ${file}.`, `No file ${file}.`);
  refuseLiveHub(file);
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-import-'));
  const copy = path.join(dir, 'hub.sqlite');
  let db: Database | null = null;
  try {
    let sourceVersion: number;
    const src = openReadOnly(file);
    try {
      sourceVersion = src.pragma('user_version', { simple: true }) as number;
      const latest = MIGRATIONS.length;
      if (sourceVersion > latest) {
        throw new StoreToolError('conflict', `Tệp ${file} ở phiên bản ${sourceVersion}, mới hơn bản motcua này (${latest}): hãy nâng cấp motcua.`, `${file} is at schema version ${sourceVersion}, newer than this motcua knows (${latest}): upgrade motcua.`);
      }
      if (sourceVersion === 0) throw new StoreToolError('invalid-input', `Tệp ${file} không phải cơ sở dữ liệu của hub (chưa có phiên bản).`, `${file} is not a hub database (no schema version).`);
      src.prepare('VACUUM INTO ?').run(copy);
    } finally {
      src.close();
    }
    const sha256 = createHash('sha256').update(readFileSync(copy)).digest('hex');
    db = new BetterSqlite3(copy);
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS);
    const chains = verifyAllChains(db);
    if (!chains.ok) {
      const b = chains.broken;
      throw new StoreToolError(
        'invalid-input',
        `Chuỗi băm của ${file} bị đứt (bảng ${b.table}, dòng ${b.rowId}): không nhập. ${b.problem}`,
        `The hash chains of ${file} do not verify (table ${b.table}, row ${b.rowId}): not imported. ${b.problem}`,
      );
    }
    const opened = db;
    return {
      db: opened,
      source: file,
      sha256,
      sourceVersion,
      chainRows: chains.rows,
      close: () => {
        opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A hub that has its file open keeps a write-ahead log beside it (`hub.sqlite-wal`, removed when
 * the last connection closes cleanly): whatever that hub acknowledges after the copy would never
 * reach the province. Refused; after a crash, start and stop the hub once (it replays the log).
 */
function refuseLiveHub(file: string): void {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new StoreToolError(
      'conflict',
      `Hub của trung tâm có vẻ đang chạy (có ${path.basename(wal)}): dừng hub trước khi nhập, nếu không những gì nó ghi sau đó sẽ mất. Sau một lần hub bị tắt đột ngột, hãy khởi động rồi dừng hub một lần.`,
      `The centre's hub appears to be running (${path.basename(wal)} is there): stop it before importing, or what it writes afterwards is lost. After a crash, start and stop the hub once.`,
    );
  }
}

function openReadOnly(file: string): Database {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    db.pragma('user_version'); // a file that is not SQLite fails here, not at open
    return db;
  } catch (e) {
    if (e instanceof StoreToolError) throw e;
    throw new StoreToolError('invalid-input', `Không đọc được ${file} như một tệp SQLite: ${(e as Error).message}.`, `Cannot read ${file} as an SQLite file: ${(e as Error).message}.`);
  }
}
