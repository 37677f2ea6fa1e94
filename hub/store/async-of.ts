/**
 * The async face of a synchronous repository: every public method of `T`, returning a Promise.
 * The PostgreSQL twin of a SQLite repository implements `Async<SqliteClass>`, so both offer
 * exactly the same methods with the same arguments (a missing or differently typed method fails
 * to type-check), and the hub's services await either.
 */
export type Async<T> = {
  readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/**
 * Wraps a synchronous (better-sqlite3) repository as its async face. The statement still runs at
 * once, synchronously, inside the call; the answer is an already-resolved promise, and a throw
 * becomes a rejection. So a SQLite transaction of awaited calls still runs without giving the
 * event loop a turn (only microtasks between statements), as before the store was async.
 */
export function asyncOf<T extends object>(target: T): Async<T> {
  const face: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (let proto = Object.getPrototypeOf(target) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name in face) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value !== 'function') continue; // getters stay on the synchronous side
      const method = descriptor.value as (...args: unknown[]) => unknown;
      face[name] = (...args) => {
        try {
          return Promise.resolve(method.apply(target, args));
        } catch (e) {
          return Promise.reject(e as Error);
        }
      };
    }
  }
  return face as unknown as Async<T>;
}
