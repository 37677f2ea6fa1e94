/**
 * The hub's unit of work, over either store (docs/province.md, "the repositories behind async
 * interfaces"). Repositories keep their own connection handle and find the running transaction
 * themselves (SQLite: the one connection; PostgreSQL: the client AsyncLocalStorage holds for the
 * transaction), so services call `await repo.method(…)` without passing a transaction around.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `work` in a transaction: every repository call it awaits belongs to it. Commits when
   * `work` resolves, rolls back when it rejects (and rejects with the same reason). Called while a
   * transaction of this store is running in the same async context: a savepoint inside it.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * A statement of the running transaction that its work asked for and goes on without waiting
   * for: the transaction (or savepoint) does not end before it settles, and its failure rolls it
   * back. On PostgreSQL it is waited for only once COMMIT has gone out behind it, so it shares the
   * commit's round trip. Returns `pending`, its rejection marked handled. Outside a transaction: `pending`.
   */
  inFlight<T>(pending: Promise<T>): Promise<T>;
}
