import type { Database, Statement } from 'better-sqlite3';
import type { Officer } from '../../core/clerks';
import type { OfficerView } from '../../core/dossiers/dossier';
import type { CommandInput } from '../../core/protocol/commands';
import type { CommandContext } from '../commands/command-runner';
import type { SignInLockout } from '../admin/sign-in-lockout';
import { ClerkDirectory, pinRefusalKind } from './clerk-directory';

export interface OfficerDeskOptions {
  readonly db: Database;
  readonly officers: readonly Officer[];
  /** The persisted lockout every staff sign-in shares. */
  readonly lockout: SignInLockout;
  /** The department a back-office device works for (its config entry), or null. */
  readonly departmentOf: (deviceId: string) => string | null;
  readonly departmentName: (departmentId: string) => string;
  /** After the commit: these devices' signed-in officer changed (the hub sends them a fresh hello). */
  readonly changed: (deviceIds: readonly string[]) => void;
}

const view = (o: Officer): OfficerView => ({ id: o.id, name: o.name, departmentId: o.departmentId });

/**
 * Who is signed in at each back-office device: an officer of the device's department, with their
 * PIN (checked, and locked after repeated failures, exactly as a clerk's). Kept in SQLite, so a
 * hub restart signs no one out (and lifts no lock).
 */
export class OfficerDesk {
  private readonly directory: ClerkDirectory<Officer>;
  private readonly atStmt: Statement<[string], { officer_id: string }>;
  private readonly elsewhereStmt: Statement<[string, string], { device_id: string }>;
  private readonly removeStmt: Statement<[string]>;
  private readonly upsertStmt: Statement<[string, string, string]>;

  constructor(private readonly options: OfficerDeskOptions) {
    this.directory = new ClerkDirectory(options.officers, options.lockout, 'officer');
    const db = options.db;
    this.atStmt = db.prepare(`SELECT officer_id FROM officer_sessions WHERE device_id = ?`);
    this.elsewhereStmt = db.prepare(`SELECT device_id FROM officer_sessions WHERE officer_id = ? AND device_id != ?`);
    this.removeStmt = db.prepare(`DELETE FROM officer_sessions WHERE device_id = ?`);
    this.upsertStmt = db.prepare(
      `INSERT INTO officer_sessions (device_id, officer_id, signed_in_at) VALUES (?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET officer_id = excluded.officer_id, signed_in_at = excluded.signed_in_at`,
    );
  }

  /** The officers of a department (names only), [] for none. */
  ofDepartment(departmentId: string | null): OfficerView[] {
    return departmentId ? this.options.officers.filter((o) => o.departmentId === departmentId).map(view) : [];
  }

  /** Does this department work with officers signing in (config `officers`)? */
  required(departmentId: string): boolean {
    return this.options.officers.some((o) => o.departmentId === departmentId);
  }

  /** The officer signed in at a device, or null (also when they have left the config since). */
  at(deviceId: string): OfficerView | null {
    const row = this.atStmt.get(deviceId);
    const officer = row ? this.options.officers.find((o) => o.id === row.officer_id) : undefined;
    return officer && officer.departmentId === this.options.departmentOf(deviceId) ? view(officer) : null;
  }

  signIn(ctx: CommandContext, input: CommandInput<'officer:sign-in'>): { officer: OfficerView } {
    const departmentId = this.options.departmentOf(ctx.device.id);
    if (!departmentId) ctx.fail('forbidden', `Thiết bị "${ctx.device.id}" chưa được gán cho phòng chuyên môn nào (devices[].departmentId).`);
    const officer = this.options.officers.find((o) => o.id === input.officerId);
    if (!officer) ctx.fail('not-found', `Không có cán bộ "${input.officerId}".`);
    if (officer.departmentId !== departmentId) {
      ctx.fail('forbidden', `${officer.name} không thuộc ${this.options.departmentName(departmentId)}: chỉ cán bộ của phòng mới đăng nhập được trên thiết bị này.`);
    }
    const check = this.directory.check(officer.id, input.pin, ctx);
    if (!check.ok) ctx.fail(pinRefusalKind(check.reason), check.message);
    // One officer, one desk: signing in here signs them out of any other device.
    const elsewhere = this.elsewhereStmt.all(officer.id, ctx.device.id).map((r) => r.device_id);
    for (const deviceId of elsewhere) this.removeStmt.run(deviceId);
    this.upsertStmt.run(ctx.device.id, officer.id, ctx.now.toISOString());
    ctx.afterCommit(() => this.options.changed([ctx.device.id, ...elsewhere]));
    return { officer: view(officer) };
  }

  signOut(ctx: CommandContext, _input: CommandInput<'officer:sign-out'>): { officer: null } {
    if (this.removeStmt.run(ctx.device.id).changes > 0) ctx.afterCommit(() => this.options.changed([ctx.device.id]));
    return { officer: null };
  }
}
