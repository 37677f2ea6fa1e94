import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { DOSSIER_PUBLIC_TOKENS_VERSION, migrationDossierPublicTokens } from '../../hub/db/migrations/0021-dossier-public-tokens';

describe('migration 0021: dossier public tokens', () => {
  it('keeps one hash per dossier, looked up by the hash through the primary key', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((m) => m.version < DOSSIER_PUBLIC_TOKENS_VERSION);
    migrate(db, before);
    expect(migrate(db, [...before, migrationDossierPublicTokens])).toEqual([DOSSIER_PUBLIC_TOKENS_VERSION]);
    db.prepare(
      `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number, fee, fee_paid, received_at, received_by, due_at, due_local, updated_at)
       VALUES ('HK-261203-0001', '261203', 1, 'KD-TL', 'Đăng ký hộ kinh doanh', 'tckh', 'dkkd', 'received', 'A', '001090012345', 0, 0, 'x', 'quay-1', 'x', 'x', 'x')`,
    ).run();
    const insert = db.prepare('INSERT INTO dossier_public_tokens (token_hash, dossier_code, created_at) VALUES (?, ?, ?)');
    insert.run('a'.repeat(64), 'HK-261203-0001', '2026-12-03T02:00:00.000Z');
    expect(() => insert.run('b'.repeat(64), 'HK-261203-0001', 'x')).toThrow(/UNIQUE/); // one token per dossier
    expect(() => insert.run('c'.repeat(64), 'HK-261203-9999', 'x')).toThrow(/FOREIGN KEY/); // no token without its dossier
    expect(() => insert.run('the-token-itself', 'HK-261203-0001', 'x')).toThrow(/CHECK/); // a hash, never the token
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT dossier_code FROM dossier_public_tokens WHERE token_hash = ?').all('a'.repeat(64)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX sqlite_autoindex_dossier_public_tokens_1|USING PRIMARY KEY/);
  });
});
