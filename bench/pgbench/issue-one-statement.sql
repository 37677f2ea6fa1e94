-- ticket:issue's writes as ONE statement in autocommit (claim, number, ticket, event seq, event):
-- what a command costs PostgreSQL when it is not 11 statements (docs/province.md, "What fewer
-- statements would buy"). Not the hub's rules: no leases, no estimate, no answer rewritten.
\set cid random(1, 1000000000)
\set svc random(1, 4)
WITH claim AS (INSERT INTO cmds (id, result) VALUES (CAST(:client_id AS text) || '-' || CAST(:cid AS text), '{"ok":true,"value":{"ticket":{"id":1}}}') ON CONFLICT (id) DO NOTHING RETURNING id),
c AS (INSERT INTO seqs (service, last) SELECT CAST(:svc AS int), 1 FROM claim ON CONFLICT (service) DO UPDATE SET last = seqs.last + 1 RETURNING last),
t AS (INSERT INTO tickets (service, number, issued_at) SELECT CAST(:svc AS int), last, now()::text FROM c RETURNING id, number),
r AS (UPDATE centre SET seq = seq + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM t) RETURNING seq),
e AS (INSERT INTO events (seq, type) SELECT seq, 'ticket-issued' FROM r RETURNING seq)
SELECT t.id, t.number, e.seq FROM t, e;
