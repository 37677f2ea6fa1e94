import type { Database } from 'better-sqlite3';
import type { Migration } from '../../../../core/store/migrate';
import { migration0001 } from './0001-dossier-outbox';
import { migration0002 } from './0002-kiosk-offline-tickets';
import { migration0003 } from './0003-offline-ticket-tracking-token';

/** The terminal's own database, in order; a new step is appended, never edited once shipped. */
export const TERMINAL_MIGRATIONS: readonly Migration<Database>[] = [migration0001, migration0002, migration0003];
