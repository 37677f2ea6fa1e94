import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0008 } from '../../hub/db/migrations/0008-dossiers';

const before = MIGRATIONS.filter((m) => m.version < 8);

describe('migration 0008: dossiers', () => {
  it('adds dossiers, their documents and the control sheet: codes and day sequences unique, statuses closed, references checked', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    expect(migrate(db, [...before, migration0008])).toEqual([8]);
    const insert = db.prepare(
      `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number,
         fee, fee_paid, ticket_id, received_at, received_by, due_at, due_local, updated_at)
       VALUES (?, '261120', ?, 'HT-KS', 'Đăng ký khai sinh', 'tu-phap', 'ho-tich', ?, 'An', '001090012345', 0, 0, ?, 'x', 'counter-1', 'y', 'z', 'x')`,
    );
    insert.run('HK-261120-0001', 1, 'received', null);
    expect(() => insert.run('HK-261120-0001', 2, 'received', null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('HK-261120-0002', 1, 'received', null)).toThrow(/UNIQUE/);
    expect(() => insert.run('HK-261120-0003', 3, 'lost', null)).toThrow(/CHECK/);
    expect(() => insert.run('HK-261120-0004', 4, 'received', 999)).toThrow(/FOREIGN KEY/);
    const doc = db.prepare(`INSERT INTO dossier_documents (dossier_code, position, name, copies, original) VALUES (?, 1, 'Giấy chứng sinh', 1, 1)`);
    doc.run('HK-261120-0001');
    expect(() => doc.run('HK-261120-0009')).toThrow(/FOREIGN KEY/);
    const hist = db.prepare(`INSERT INTO dossier_history (dossier_code, at, action, to_status, device_id, role, actor_name) VALUES (?, 'x', 'receive', 'received', 'counter-1', 'counter', 'Lan')`);
    hist.run('HK-261120-0001');
    expect(() => hist.run('HK-261120-0009')).toThrow(/FOREIGN KEY/);
  });

  it('lists a department and reads a control sheet from indexes', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [...before, migration0008]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT * FROM dossiers WHERE department_id = 'tu-phap' AND status = 'received' ORDER BY received_at`)).toContain('dossiers_by_department');
    expect(plan(`SELECT * FROM dossier_history WHERE dossier_code = 'HK-261120-0001' ORDER BY id`)).toContain('dossier_history_by_dossier');
    expect(plan(`SELECT max(seq) FROM dossiers WHERE day = '261120'`)).toMatch(/INDEX/);
  });
});
