import type { Migration } from '../migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-device-health';
import { migration0003 } from './0003-ticket-states';
import { migration0004 } from './0004-queue-rules';
import { migration0005 } from './0005-clerks';
import { migration0006 } from './0006-ratings';
import { migration0007 } from './0007-appointments';
import { migration0008 } from './0008-dossiers';
import { migration0009 } from './0009-dossier-files-leases-officers';
import { migration0010 } from './0010-call-indexes-command-log';
import { migration0011 } from './0011-number-leases';
import { auditChainMigration } from './0012-audit-chain';
import { migration0013PrivacyRequests } from './0013-privacy-requests';
import { migrationAdminAccounts } from './0014-admin-accounts';
import { migrationDeviceCredentials } from './0015-device-credentials';
import { migrationConfigDigests } from './0016-config-digests';
import { migrationApiKeys } from './0017-api-keys';
import { migrationTicketPublicTokens } from './0019-ticket-public-tokens';

/**
 * PLACEHOLDER FOR THE MERGE: 0018 belongs to another branch (issued in parallel); this empty step
 * only keeps the numbering contiguous on the phone branch. Replace it with the real migration when
 * merging, never ship it (a database migrated past it would skip the real one).
 */
const reserved = (version: number): Migration => ({ version, name: `reserved ${version} (placeholder, replaced on merge)`, up: () => undefined });

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, auditChainMigration, migration0013PrivacyRequests, migrationAdminAccounts, migrationDeviceCredentials, migrationConfigDigests, migrationApiKeys, reserved(18), migrationTicketPublicTokens];
