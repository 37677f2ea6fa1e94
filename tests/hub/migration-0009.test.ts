import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0009 } from '../../hub/db/migrations/0009-dossier-files-leases-officers';

const before = MIGRATIONS.filter((m) => m.version < 9);

describe('migration 0009: dossier files, code leases, officer sessions', () => {
  it('adds the three tables with their checks, on top of a database with dossiers', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    db.prepare(
      `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number,
         fee, fee_paid, received_at, received_by, due_at, due_local, updated_at)
       VALUES ('HK-261120-0001', '261120', 1, 'HT-KS', 'Đăng ký khai sinh', 'tu-phap', 'ho-tich', 'received', 'An', '001090012345', 0, 0, 'x', 'counter-1', 'y', 'z', 'x')`,
    ).run();
    expect(migrate(db, [...before, migration0009])).toEqual([9]);

    const file = db.prepare(`INSERT INTO dossier_files (dossier_code, pages, bytes, sha256, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, 'x', 'counter-1')`);
    file.run('HK-261120-0001', 3, 1024, 'a'.repeat(64));
    expect(() => file.run('HK-261120-0001', 3, 1024, 'b'.repeat(64))).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => file.run('HK-261120-0009', 3, 1024, 'a'.repeat(64))).toThrow(/FOREIGN KEY/);
    db.prepare(`DELETE FROM dossier_files`).run();
    expect(() => file.run('HK-261120-0001', 3, 1024, 'short')).toThrow(/CHECK/);
    expect(() => file.run('HK-261120-0001', 3, 0, 'a'.repeat(64))).toThrow(/CHECK/);

    const lease = db.prepare(`INSERT INTO dossier_code_leases (device_id, day, first_seq, last_seq, leased_at) VALUES ('counter-1', '261120', ?, ?, 'x')`);
    lease.run(2, 51);
    expect(() => lease.run(60, 59)).toThrow(/CHECK/);
    expect(() => lease.run(9990, 10_000)).toThrow(/CHECK/);
    expect(db.prepare(`SELECT max(last_seq) AS s FROM dossier_code_leases WHERE day = '261120'`).get()).toEqual({ s: 51 });

    const session = db.prepare(`INSERT INTO officer_sessions (device_id, officer_id, signed_in_at) VALUES (?, ?, 'x')`);
    session.run('backoffice-tu-phap', 'hoang-minh-tuan');
    expect(() => session.run('backoffice-tu-phap', 'vu-thi-ngoc')).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});
