-- Microsoft 365 follow-ups. A subscription ends or pauses with its tenant's service: Steward's
-- side records it at once (status), so renewals stop billing seats; the CSP is told by a job.
ALTER TABLE m365_subscription ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE m365_subscription ADD CONSTRAINT m365_subscription_status_chk CHECK (status IN ('active', 'suspended', 'cancelled'));
ALTER TABLE m365_sandbox_subscription ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE m365_sandbox_subscription ADD CONSTRAINT m365_sandbox_subscription_status_chk CHECK (status IN ('active', 'suspended', 'cancelled'));

-- The sandbox catalog sells in more than one currency: a seat's prices per currency
-- ("TERM:CYCLE=price", as in m365_sandbox_offer.prices). Microsoft publishes a price list per
-- market currency rather than converting, so the sandbox keeps one row per offer and currency.
CREATE TABLE m365_sandbox_offer_price (
    offer_id INTEGER       NOT NULL REFERENCES m365_sandbox_offer (id),
    currency VARCHAR(3)    NOT NULL,
    prices   VARCHAR(1000) NOT NULL,
    CONSTRAINT m365_sandbox_offer_price_pk PRIMARY KEY (offer_id, currency)
);
INSERT INTO m365_sandbox_offer_price (offer_id, currency, prices) VALUES
    (75, 'USD', 'P1M:P1M=7.20,P1Y:P1Y=72.00,P1Y:P1M=6.00'),
    (77, 'USD', 'P1M:P1M=15.00,P1Y:P1Y=150.00,P1Y:P1M=12.50'),
    (78, 'USD', 'P1M:P1M=4.80,P1Y:P1Y=48.00,P1Y:P1M=4.00'),
    (75, 'EUR', 'P1M:P1M=6.72,P1Y:P1Y=67.20,P1Y:P1M=5.60'),
    (77, 'EUR', 'P1M:P1M=14.04,P1Y:P1Y=140.40,P1Y:P1M=11.70'),
    (78, 'EUR', 'P1M:P1M=4.51,P1Y:P1Y=45.12,P1Y:P1M=3.76'),
    (75, 'GBP', 'P1M:P1M=5.88,P1Y:P1Y=58.80,P1Y:P1M=4.90'),
    (77, 'GBP', 'P1M:P1M=12.12,P1Y:P1Y=121.20,P1Y:P1M=10.10'),
    (78, 'GBP', 'P1M:P1M=3.96,P1Y:P1Y=39.60,P1Y:P1M=3.30');
