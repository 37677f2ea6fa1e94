import { supersededAnswer } from '../../../core/queue/numbering';
import type { Migration } from '../migration';

/**
 * The logged text of the superseded refusal (`JSON.stringify(supersededAnswer(paper))`) as a SQL
 * expression, `paper` the SQL of the paper's number: the hub's own text around a marker, the
 * number's digits in its place (digits need no JSON escaping). The same SQL on both stores.
 */
export function supersededAnswerSql(paper: string): string {
  const MARK = '{{paper}}';
  const [before, after] = JSON.stringify(supersededAnswer(MARK))
    .split(MARK)
    .map((part) => `'${part.replaceAll("'", "''")}'`);
  return `${before} || ${paper} || ${after}`;
}

/**
 * Issue 13: a `ticket:issue` an offline ticket superseded is answered from the command log alone.
 * Since 2026-12-04 a delivery superseding a command the hub never ran logs that command's answer —
 * the superseded refusal (core/queue/numbering.ts supersededAnswer) — and the issue no longer looks
 * in offline_tickets first. Deliveries made before left no answer: this writes theirs, at their
 * delivery time (the command log's retention prunes them like any other), in the very text the hub
 * writes (supersededAnswerSql).
 */
export const SUPERSEDED_ANSWERS_VERSION = 25;

export const migrationSupersededAnswers: Migration = {
  version: SUPERSEDED_ANSWERS_VERSION,
  name: 'answers of superseded ticket:issue commands',
  up(db) {
    db.exec(`
      INSERT INTO commands (command_id, device_id, name, result_json, at, ok)
      SELECT o.supersedes, l.device_id, 'ticket:issue', ${supersededAnswerSql('o.number')}, o.delivered_at, 0
        FROM offline_tickets o JOIN number_leases l ON l.id = o.lease_id
       WHERE o.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.command_id = o.supersedes);
    `);
  },
};
