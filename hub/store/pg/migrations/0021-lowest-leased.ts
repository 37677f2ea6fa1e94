import type { PgMigration } from '../migrate';

/**
 * The lowest number leased to a kiosk, kept on the (centre, day, service) row of number_sequences
 * beside the last online number, so that one row is the whole state core's nextNumber() judges.
 * The one-statement issue (hub/store/pg/pg-issue-alone.ts) takes a number only if that row still
 * holds the state the process judged: a lease taken meanwhile (through any process, any path —
 * the lease commands, a delivery, `province import`) changes the row, so the guard sees it. A
 * trigger keeps the column, so no writer of number_leases can forget it; leases are never
 * deleted, so the lowest only goes down. Existing leases are counted in (a row with last_number
 * 0, "none issued yet", is created where a lease has none, as the lease path's lock does).
 */
export const pgMigration0021: PgMigration = {
  version: 21,
  name: 'lowest leased number on the numbering row',
  sql: `
    ALTER TABLE number_sequences ADD COLUMN lowest_leased INTEGER CHECK (lowest_leased >= 1);

    INSERT INTO number_sequences (centre_id, day, service_id, last_number, lowest_leased)
    SELECT centre_id, day, service_id, 0, min(first_number) FROM number_leases GROUP BY centre_id, day, service_id
    ON CONFLICT (centre_id, day, service_id) DO UPDATE SET lowest_leased = excluded.lowest_leased;

    CREATE FUNCTION motcua_note_lease() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      INSERT INTO number_sequences (centre_id, day, service_id, last_number, lowest_leased)
      VALUES (NEW.centre_id, NEW.day, NEW.service_id, 0, NEW.first_number)
      ON CONFLICT (centre_id, day, service_id) DO UPDATE SET lowest_leased = least(number_sequences.lowest_leased, excluded.lowest_leased);
      RETURN NULL;
    END
    $body$;

    CREATE TRIGGER number_leases_lowest AFTER INSERT ON number_leases FOR EACH ROW EXECUTE FUNCTION motcua_note_lease();
  `,
};
