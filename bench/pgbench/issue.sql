\set cid random(1, 1000000000)
\set svc random(1, 4)
BEGIN;
INSERT INTO cmds (id, result) VALUES (:client_id::text || '-' || :cid, 'claimed') ON CONFLICT (id) DO NOTHING RETURNING id;
SAVEPOINT s1;
SELECT number FROM offline WHERE supersedes = :cid::text;
INSERT INTO seqs (service, last) VALUES (:svc, 0) ON CONFLICT (service) DO UPDATE SET last = seqs.last RETURNING last;
SELECT min(first) FROM leases WHERE service = :svc;
WITH c AS (INSERT INTO seqs (service, last) VALUES (:svc, 1) ON CONFLICT (service) DO UPDATE SET last = seqs.last + 1 RETURNING last) INSERT INTO tickets (service, number, issued_at) SELECT :svc, last, now()::text FROM c RETURNING id, number;
WITH r AS (UPDATE centre SET seq = seq + 1 WHERE id = 1 RETURNING seq) INSERT INTO events (seq, type) SELECT seq, 'ticket-issued' FROM r RETURNING seq;
SELECT (SELECT count(*) FROM tickets WHERE service = :svc AND state = 'waiting' AND id < 100), (SELECT count(*) FROM counter_states);
UPDATE cmds SET result = '{"ok":true,"value":{"ticket":{"id":1}}}' WHERE id = :client_id::text || '-' || :cid;
COMMIT;
