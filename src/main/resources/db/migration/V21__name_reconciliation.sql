-- Ownership of names: one-time tasks that bring data written before a rule existed in line with it.
-- A row says the task ran (and what it changed), so it runs once, on one node, whatever the number
-- of starts or nodes. Task 'zones-under-held-names': zones made before ownership of names (V16)
-- at or under a name another client holds are released. Portable DDL for H2 2.x and PostgreSQL 13+.
CREATE TABLE name_reconciliation (
    task        VARCHAR(60)   PRIMARY KEY,
    done_at     TIMESTAMP     NOT NULL,
    released    INTEGER       NOT NULL
);
