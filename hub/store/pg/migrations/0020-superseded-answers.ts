import { supersededAnswerSql } from '../../../db/migrations/0025-superseded-answers';
import type { PgMigration } from '../migrate';

/**
 * The superseded `ticket:issue` commands' answers written for deliveries made before the hub logged
 * them itself (SQLite twin: migration 0025, which says why), in the same text.
 */
export const pgMigration0020: PgMigration = {
  version: 20,
  name: 'answers of superseded ticket:issue commands',
  sql: `
    INSERT INTO commands (command_id, centre_id, device_id, name, result_json, at, ok)
    SELECT o.supersedes, o.centre_id, l.device_id, 'ticket:issue', ${supersededAnswerSql('o.number')}, o.delivered_at, 0
      FROM offline_tickets o JOIN number_leases l ON l.id = o.lease_id
     WHERE o.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.command_id = o.supersedes);
  `,
};
