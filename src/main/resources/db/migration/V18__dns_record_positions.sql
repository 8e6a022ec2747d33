-- A record's position in the client API's zone listing. The real service lists a zone's records as
-- an object keyed by position ("records": {"0": {...}, "1": {...}, "3": {...}}), where a deleted
-- record leaves a gap; clients iterate those entries. The position is a per-zone ordinal handed out
-- when the record is added and never reused (dns_zone.next_ordinal counts the positions handed
-- out), so a position names one record for good and an edit keeps it. Existing records are
-- numbered in the order they were added (their ids). Portable DDL for H2 2.x and PostgreSQL.
ALTER TABLE dns_zone ADD COLUMN next_ordinal INT NOT NULL DEFAULT 0;
ALTER TABLE dns_record ADD COLUMN ordinal INT;

CREATE TABLE dns_record_ordinal_fill (
    id       BIGINT PRIMARY KEY,
    ordinal  INT NOT NULL
);
INSERT INTO dns_record_ordinal_fill (id, ordinal)
    SELECT id, ROW_NUMBER() OVER (PARTITION BY zone_id ORDER BY id) - 1 FROM dns_record;
UPDATE dns_record SET ordinal = (SELECT f.ordinal FROM dns_record_ordinal_fill f WHERE f.id = dns_record.id);
DROP TABLE dns_record_ordinal_fill;
UPDATE dns_zone SET next_ordinal = (SELECT COUNT(*) FROM dns_record r WHERE r.zone_id = dns_zone.id);

ALTER TABLE dns_record ALTER COLUMN ordinal SET NOT NULL;
ALTER TABLE dns_record ADD CONSTRAINT dns_record_zone_ordinal_uq UNIQUE (zone_id, ordinal);
