import type { PgMigration } from '../migrate';
import { pgMigration0001 } from './0001-centres-queue';
import { pgMigration0002 } from './0002-dossiers';
import { pgMigration0003 } from './0003-audit-privacy-admin';
import { pgMigration0004 } from './0004-device-credentials';
import { pgMigration0005 } from './0005-config-digests';
import { pgMigration0006 } from './0006-imports';
import { pgMigration0007 } from './0007-api-keys';
import { pgMigration0008 } from './0008-outbox';
import { pgMigration0009 } from './0009-ticket-public-tokens';
import { pgMigration0010 } from './0010-booking-holds';
import { pgMigration0011 } from './0011-dossier-public-tokens';
import { pgMigration0012 } from './0012-ticket-reminders';
import { pgMigration0013 } from './0013-dossier-results';
import { pgMigration0014 } from './0014-zns-tokens';
import { pgMigration0015 } from './0015-collect-centre';
import { pgMigration0016 } from './0016-dossier-blobs';
import { pgMigration0017 } from './0017-province-admins';
import { pgMigration0018 } from './0018-refuse-function';
import { pgMigration0019 } from './0019-province-sign-in-lockouts';
import { pgMigration0020 } from './0020-superseded-answers';
import { pgMigration0021 } from './0021-lowest-leased';
import { pgMigration0022 } from './0022-centre-listeners';
import { pgMigration0023 } from './0023-waiting-and-counter-indexes';

/**
 * The PostgreSQL store's migrations. They follow the SQLite schema (hub/db/migrations), not its
 * history: a new SQLite migration that adds or changes tables needs its PostgreSQL counterpart
 * here, and tests/hub/pg-schema-parity.test.ts fails until it has one.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [pgMigration0001, pgMigration0002, pgMigration0003, pgMigration0004, pgMigration0005, pgMigration0006, pgMigration0007, pgMigration0008, pgMigration0009, pgMigration0010, pgMigration0011, pgMigration0012, pgMigration0013, pgMigration0014, pgMigration0015, pgMigration0016, pgMigration0017, pgMigration0018, pgMigration0019, pgMigration0020, pgMigration0021, pgMigration0022, pgMigration0023];

/**
 * Tables only the PostgreSQL store has: the centres of the province, the migrations' and the
 * imports' records, the Zalo OA's tokens and the dossiers' file bytes (a SQLite hub keeps both in
 * files of its data dir).
 */
export const PG_ONLY_TABLES: readonly string[] = ['centres', 'dossier_blobs', 'imports', 'province_sign_in_lockouts', 'schema_migrations', 'zns_tokens'];

/**
 * Columns only the PostgreSQL store has, in tables both stores have, each kept by the database
 * itself (a trigger), so `province import` leaves them out and they fill in: the lowest leased
 * number on the numbering row (migration 0021), which the one-statement issue's guard compares —
 * the embedded hub has one writer and reads min() of its leases instead.
 */
export const PG_ONLY_COLUMNS: Readonly<Record<string, readonly string[]>> = { number_sequences: ['lowest_leased'] };
