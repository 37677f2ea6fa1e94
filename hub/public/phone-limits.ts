/**
 * The public ticket page's own limits (issue 15: public surfaces are hostile ground). Phones on a
 * mobile network often share one address (carrier NAT), so the per-address figures leave room
 * for a hall full of citizens on one operator; the per-token ones bound what one leaked link costs.
 */
export interface PhoneLimits {
  /** Every /t/… request (page, assets, streams) from one address. */
  readonly perAddress: { readonly limit: number; readonly windowMs: number };
  /** Page and stream requests naming one token. */
  readonly perToken: { readonly limit: number; readonly windowMs: number };
  /** Tokens that match no ticket, from one address: past this the address is refused (429) until the window ends. */
  readonly unknownPerAddress: { readonly limit: number; readonly windowMs: number };
  /** Reminders and ratings sent from the page (POST), per address and per token: each writes a row, so tighter than reads. */
  readonly actionsPerAddress: { readonly limit: number; readonly windowMs: number };
  readonly actionsPerToken: { readonly limit: number; readonly windowMs: number };
  /** Live streams open at once from one address, and for one ticket. */
  readonly streamsPerAddress: number;
  readonly streamsPerToken: number;
  /** Live streams open at once in all (each holds a socket: the process's file limit is shared with the devices). */
  readonly streamsTotal: number;
  /** A comment line on every stream this often, so proxies and phones keep the connection. */
  readonly heartbeatMs: number;
  /** How often streams are checked against the end of their ticket's day (then told "expired" and closed). */
  readonly sweepMs: number;
}

export const DEFAULT_PHONE_LIMITS: PhoneLimits = {
  perAddress: { limit: 300, windowMs: 60_000 },
  perToken: { limit: 30, windowMs: 60_000 },
  unknownPerAddress: { limit: 20, windowMs: 10 * 60_000 },
  actionsPerAddress: { limit: 30, windowMs: 10 * 60_000 },
  actionsPerToken: { limit: 5, windowMs: 10 * 60_000 },
  streamsPerAddress: 50,
  streamsPerToken: 3,
  streamsTotal: 10_000,
  heartbeatMs: 20_000,
  sweepMs: 30_000,
};
