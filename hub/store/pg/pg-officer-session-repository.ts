import type { PgSql } from './pg-store';

/**
 * The PostgreSQL twin of hub/clerks/officer-session-repository.ts. officer_sessions has no
 * centre_id (PostgreSQL migration 0002): a session is keyed by the back-office device, device ids
 * are unique across the province, and an officer belongs to an agency, not to a centre — so
 * devicesOf() finds the officer's other sessions at any centre, and the centre this twin is bound
 * to is kept only for symmetry with the other twins. put() is one upsert, so two hub processes
 * signing officers in at one device end with the last one's row, never an error.
 */
export class PgOfficerSessionRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async officerAt(deviceId: string): Promise<string | null> {
    const r = await this.sql.row<{ officer_id: string }>('SELECT officer_id FROM officer_sessions WHERE device_id = $1', [deviceId]);
    return r?.officer_id ?? null;
  }

  async devicesOf(officerId: string, exceptDeviceId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ device_id: string }>('SELECT device_id FROM officer_sessions WHERE officer_id = $1 AND device_id <> $2 ORDER BY device_id', [officerId, exceptDeviceId]);
    return rows.map((r) => r.device_id);
  }

  async remove(deviceId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM officer_sessions WHERE device_id = $1', [deviceId])) > 0;
  }

  async put(deviceId: string, officerId: string, at: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO officer_sessions (device_id, officer_id, signed_in_at) VALUES ($1, $2, $3)
       ON CONFLICT (device_id) DO UPDATE SET officer_id = excluded.officer_id, signed_in_at = excluded.signed_in_at`,
      [deviceId, officerId, at],
    );
  }
}
