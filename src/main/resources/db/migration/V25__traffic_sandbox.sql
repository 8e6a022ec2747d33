-- The sandbox server module's accounts, and traffic accounting (readings, roll-up buckets,
-- per-product quotas, quota notices). Portable DDL for H2 2.x and PostgreSQL (see V1).

-- One account per service the sandbox module created. Counters are simulated: they grow at
-- rate_in/rate_out bytes per second while the account is active and running, from counted_in/
-- counted_out at counting_since (null while stopped or suspended); a reboot or an unsuspension
-- starts them from zero again, as a real machine's interface counters do.
CREATE TABLE sandbox_account (
    service_id      BIGINT        NOT NULL PRIMARY KEY REFERENCES service (id) ON DELETE CASCADE,
    username        VARCHAR(64)   NOT NULL,
    package         VARCHAR(64)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,   -- active, suspended, terminated
    power           VARCHAR(16)   NOT NULL,   -- running, stopped
    addresses       VARCHAR(2000) NOT NULL,   -- comma-separated, as last given
    rate_in         BIGINT        NOT NULL,
    rate_out        BIGINT        NOT NULL,
    counted_in      BIGINT        NOT NULL,
    counted_out     BIGINT        NOT NULL,
    counting_since  TIMESTAMP,
    created_at      TIMESTAMP     NOT NULL,
    suspended_at    TIMESTAMP,
    terminated_at   TIMESTAMP,
    updated_at      TIMESTAMP     NOT NULL
);

-- The last reading of each of a service's counters: the next reading's delta is taken against it.
CREATE TABLE traffic_reading (
    service_id      BIGINT        NOT NULL,
    counter_name    VARCHAR(64)   NOT NULL,
    in_bytes        BIGINT        NOT NULL,
    out_bytes       BIGINT        NOT NULL,
    read_at         TIMESTAMP     NOT NULL,
    PRIMARY KEY (service_id, counter_name)
);

-- Bytes moved per service and time bucket. resolution is the bucket's length in seconds: 300
-- (written by the sampler, kept 2 days), 3600 (rolled up from 300, kept 60 days), 86400 (rolled
-- up from 3600, kept 2 years). Buckets start at UTC multiples of their length.
CREATE TABLE traffic_bucket (
    service_id      BIGINT        NOT NULL,
    resolution      INTEGER       NOT NULL,
    bucket_start    TIMESTAMP     NOT NULL,
    in_bytes        BIGINT        NOT NULL,
    out_bytes       BIGINT        NOT NULL,
    PRIMARY KEY (service_id, resolution, bucket_start)
);
CREATE INDEX traffic_bucket_time_idx ON traffic_bucket (resolution, bucket_start);

-- How far each coarser resolution is rolled up: its buckets before rolled_until are complete and
-- are what readers use; after it, readers sum the finer buckets.
CREATE TABLE traffic_rollup (
    resolution      INTEGER       NOT NULL PRIMARY KEY,
    rolled_until    TIMESTAMP     NOT NULL
);

-- Bandwidth quota and overage price per catalog product (no row: no quota, no overage).
CREATE TABLE product_bandwidth (
    product_id            BIGINT        NOT NULL PRIMARY KEY,
    quota_gb              NUMERIC(14,3) NOT NULL CHECK (quota_gb >= 0),
    overage_price_per_gb  NUMERIC(14,4) NOT NULL CHECK (overage_price_per_gb >= 0),
    updated_at            TIMESTAMP     NOT NULL
);

-- Quota notices sent: once per service, billing period and threshold (80 or 100 percent).
CREATE TABLE traffic_notice (
    service_id      BIGINT        NOT NULL,
    period_start    DATE          NOT NULL,
    threshold       INTEGER       NOT NULL,
    used_bytes      BIGINT        NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    PRIMARY KEY (service_id, period_start, threshold)
);
