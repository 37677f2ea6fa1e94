import type { Officer } from '../../core/clerks';
import type { OfficerView } from '../../core/dossiers/dossier';
import type { CommandInput } from '../../core/protocol/commands';
import type { Async } from '../store/async-of';
import type { OfficerSessionRepository } from './officer-session-repository';
import type { CommandContext } from '../commands/command-runner';
import type { SignInLockout } from '../admin/sign-in-lockout';
import { ClerkDirectory, pinRefusalKind } from './clerk-directory';

export interface OfficerDeskOptions {
  readonly sessions: Async<OfficerSessionRepository>;
  readonly officers: readonly Officer[];
  /** The persisted lockout every staff sign-in shares. */
  readonly lockout: Async<SignInLockout>;
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
  private readonly sessions: Async<OfficerSessionRepository>;

  constructor(private readonly options: OfficerDeskOptions) {
    this.directory = new ClerkDirectory(options.officers, options.lockout, 'officer');
    this.sessions = options.sessions;
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
  async at(deviceId: string): Promise<OfficerView | null> {
    const officerId = await this.sessions.officerAt(deviceId);
    const officer = officerId ? this.options.officers.find((o) => o.id === officerId) : undefined;
    return officer && officer.departmentId === this.options.departmentOf(deviceId) ? view(officer) : null;
  }

  async signIn(ctx: CommandContext, input: CommandInput<'officer:sign-in'>): Promise<{ officer: OfficerView }> {
    const departmentId = this.options.departmentOf(ctx.device.id);
    if (!departmentId) ctx.fail('forbidden', `Thiết bị "${ctx.device.id}" chưa được gán cho phòng chuyên môn nào (devices[].departmentId).`);
    const officer = this.options.officers.find((o) => o.id === input.officerId);
    if (!officer) ctx.fail('not-found', `Không có cán bộ "${input.officerId}".`);
    if (officer.departmentId !== departmentId) {
      ctx.fail('forbidden', `${officer.name} không thuộc ${this.options.departmentName(departmentId)}: chỉ cán bộ của phòng mới đăng nhập được trên thiết bị này.`);
    }
    const check = await this.directory.check(officer.id, input.pin, ctx);
    if (!check.ok) ctx.fail(pinRefusalKind(check.reason), check.message);
    // One officer, one desk: signing in here signs them out of any other device.
    const elsewhere = await this.sessions.devicesOf(officer.id, ctx.device.id);
    for (const deviceId of elsewhere) await this.sessions.remove(deviceId);
    await this.sessions.put(ctx.device.id, officer.id, ctx.now.toISOString());
    ctx.afterCommit(() => this.options.changed([ctx.device.id, ...elsewhere]));
    return { officer: view(officer) };
  }

  async signOut(ctx: CommandContext, _input: CommandInput<'officer:sign-out'>): Promise<{ officer: null }> {
    if (await this.sessions.remove(ctx.device.id)) ctx.afterCommit(() => this.options.changed([ctx.device.id]));
    return { officer: null };
  }
}
