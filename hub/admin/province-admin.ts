import type { Department } from '../../core/dossiers/catalogue';
import { provinceStatsInstants, type ProvinceStats, type ProvinceStatsRange } from '../../core/stats/province-stats';
import type { Async } from '../store/async-of';
import type { AdminAccountRepository } from './admin-account-repository';
import { AdminAccounts } from './admin-accounts';
import type { AdminSessionRepository } from './admin-session-repository';
import type { SignInLockoutRepository } from './sign-in-lockout-repository';
import { AdminSessions } from './admin-sessions';
import type { SignInLockout } from './sign-in-lockout';

/**
 * What the province's store gives a hub for its province administrators (PostgreSQL only: a
 * single centre's SQLite hub has none). The accounts of no centre, their sessions, and the
 * province's dossier statistics (hub/store/pg/province-stats.ts) over the instants of a range.
 */
export interface ProvinceBackend {
  readonly adminAccounts: Async<AdminAccountRepository>;
  readonly adminSessions: Async<AdminSessionRepository>;
  /** The province administrators' lockout rows: one per subject for the whole province. */
  readonly signInLockouts: Async<SignInLockoutRepository>;
  stats(range: { readonly from: string; readonly to: string }, at: Date): Promise<ProvinceStats>;
}

/**
 * The province administrators as one hub serves them: the same AdminAccounts and AdminSessions
 * classes as a centre's administrators (one password rule, one session policy, the same sign-in
 * lockout class and policy — over the province's rows, so wrong passwords count wherever they are
 * tried), over the province's accounts. They may read the province statistics and nothing else (docs/province.md).
 */
export class ProvinceAdmin {
  readonly accounts: AdminAccounts;
  readonly sessions: AdminSessions;

  constructor(
    private readonly backend: ProvinceBackend,
    lockout: SignInLockout,
    clock: () => Date,
    private readonly agencies: readonly Department[],
  ) {
    this.accounts = new AdminAccounts(backend.adminAccounts, clock);
    this.sessions = new AdminSessions(backend.adminSessions, this.accounts, lockout, clock);
  }

  /** The statistics of the Vietnam days of `range`, overdue counted at `at`; agencies named as the province config names them. */
  async stats(range: ProvinceStatsRange, at: Date): Promise<ProvinceStats> {
    const stats = await this.backend.stats(provinceStatsInstants(range), at);
    const names = new Map(this.agencies.map((d) => [d.id, d.name]));
    return { ...stats, agencies: stats.agencies.map((a) => ({ ...a, name: names.get(a.id) ?? a.name })) };
  }
}
