import type { Migration } from '../migration';

/**
 * PLACEHOLDER, branch `kiosksplit` only: version 20 belongs to another branch (the runner wants
 * versions 1, 2, 3, … without a gap). The integrator drops this file and lists the real 0020
 * before 0021-dossier-public-tokens.
 */
const reserved = (version: number): Migration => ({ version, name: `reserved ${version} (another branch)`, up() {} });
export const RESERVED_FOR_MERGE: readonly Migration[] = [reserved(20)];
