import type { Migration } from '../migration';

/**
 * PLACEHOLDERS, branch `remind` only: versions 20 and 21 belong to other branches (the runner
 * wants versions 1, 2, 3, … without a gap). The integrator drops this file and lists the real
 * 0020 and 0021 before 0022-ticket-reminders.
 */
const reserved = (version: number): Migration => ({ version, name: `reserved ${version} (another branch)`, up() {} });
export const RESERVED_FOR_MERGE: readonly Migration[] = [reserved(20), reserved(21)];
