import type { Migration } from '../migration';

/**
 * PLACEHOLDER: number 17 belongs to another branch (API keys). Versions must be contiguous, so
 * this branch carries an empty 17 to run its own 18; at the merge, this file gives way to the
 * real 0017 (nothing to migrate: it changes no schema).
 */
export const migration0017Reserved: Migration = {
  version: 17,
  name: 'reserved (api keys)',
  up() {},
};
