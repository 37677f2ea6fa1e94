CREATE TABLE cmds (id text PRIMARY KEY, result text);
CREATE TABLE offline (supersedes text, number int); CREATE INDEX ON offline (supersedes);
CREATE TABLE seqs (service int PRIMARY KEY, last int);
CREATE TABLE leases (service int, first int); CREATE INDEX ON leases (service);
CREATE TABLE tickets (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, service int, number int, state text DEFAULT 'waiting', issued_at text);
CREATE INDEX ON tickets (service, state);
CREATE TABLE centre (id int PRIMARY KEY, seq bigint); INSERT INTO centre VALUES (1, 0);
CREATE TABLE events (seq bigint, type text);
CREATE TABLE counter_states (id int);
