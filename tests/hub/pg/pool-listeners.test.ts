import { describe, expect, it } from 'vitest';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { createPgPool } from '../../../hub/store/pg/pool';

/**
 * A hub process of a province serves many centres on one pool (hub/centre-hubs.ts), one PgStore
 * each: the pool's no-op 'error' listener (an idle client lost must not end the process) is added
 * once, by createPgPool, not once per store — 20 stores used to trip Node's
 * MaxListenersExceededWarning (10). No connection is opened.
 */
describe('the hub pool\'s error listener', () => {
  it('is there once per pool, however many centres\' stores share it, and an idle client\'s error is swallowed', async () => {
    const pool = createPgPool('postgres://motcua@127.0.0.1:1/none');
    try {
      expect(pool.listenerCount('error')).toBe(1);
      for (let i = 0; i < 20; i++) new PgStore(pool);
      expect(pool.listenerCount('error')).toBe(1);
      expect(() => pool.emit('error', new Error('terminating connection due to administrator command'))).not.toThrow();
    } finally {
      await pool.end();
    }
  });
});
