import { RateWindow, type RateDecision } from '../../core/public/rate-window';
import type { PhoneLimits } from './phone-limits';

/**
 * The budgets every public page shares (the ticket page /t/, the dossier status page /hs/): one
 * instance per hub, so an address probing tokens spends one enumeration budget whichever page it
 * probes. Order of the checks: the address's requests, the address's misses (a spent miss budget
 * refuses even real tokens until the window ends), the token's requests.
 */
export class PublicGuard {
  private readonly perAddress: RateWindow;
  private readonly perToken: RateWindow;
  private readonly misses: RateWindow;

  constructor(
    private readonly limits: Pick<PhoneLimits, 'perAddress' | 'perToken' | 'unknownPerAddress'>,
    private readonly clock: () => Date,
  ) {
    this.perAddress = new RateWindow(limits.perAddress);
    this.perToken = new RateWindow(limits.perToken);
    this.misses = new RateWindow(limits.unknownPerAddress);
  }

  /** A request that names no token (an asset): the address's budget only. */
  address(address: string): RateDecision {
    return this.perAddress.take(address, this.clock().getTime());
  }

  /** A request that names a token, before it is looked up. */
  admit(address: string, token: string): RateDecision {
    const at = this.clock().getTime();
    const a = this.perAddress.take(address, at);
    if (!a.ok) return a;
    if (this.misses.exhausted(address, at)) return { ok: false, retryAfterMs: this.limits.unknownPerAddress.windowMs };
    return this.perToken.take(token, at);
  }

  /** A token that found nothing: counts against the address's enumeration budget. */
  miss(address: string): void {
    this.misses.take(address, this.clock().getTime());
  }
}
