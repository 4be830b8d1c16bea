-- Incidents forwarded to Alertmanager, PagerDuty and generic webhooks (H2, PostgreSQL mode). One row per
-- dedup key (a problem of a monitor, or of a canary candidate) and sink: whether the problem is firing or
-- resolved, and whether that state reached the sink. A run sends only transitions (plus Alertmanager's
-- nightly refresh) and deliveries that are still owed; every state change is a compare-and-set on version.
CREATE TABLE alert_state (
    dedup_key         VARCHAR(500)  NOT NULL,
    sink              VARCHAR(20)   NOT NULL,
    problem           VARCHAR(30)   NOT NULL,
    monitor           VARCHAR(200),
    model             VARCHAR(200),
    status            VARCHAR(10)   NOT NULL,
    -- the run date of the latest observation applied; older run dates (backfills) never change the state
    run_date          DATE,
    opened_at         TIMESTAMP WITH TIME ZONE  NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE  NOT NULL,
    summary           VARCHAR(1024) NOT NULL,
    delivery_status   VARCHAR(10)   NOT NULL,
    -- requests made for the current delivery, summed over runs until it is delivered
    attempts          INTEGER       NOT NULL DEFAULT 0,
    last_status_code  INTEGER,
    last_error        VARCHAR(2000),
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    delivered_at      TIMESTAMP WITH TIME ZONE,
    -- a process delivering this row holds it until then; a crashed process's claim simply expires
    claimed_until     TIMESTAMP WITH TIME ZONE,
    version           BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (dedup_key, sink),
    CONSTRAINT alert_state_sink_ck CHECK (sink IN ('alertmanager', 'pagerduty', 'webhook')),
    CONSTRAINT alert_state_status_ck CHECK (status IN ('FIRING', 'RESOLVED')),
    CONSTRAINT alert_state_delivery_ck CHECK (delivery_status IN ('DELIVERED', 'PENDING', 'FAILED'))
);

-- Operators list what is open or owed (no partial indexes on H2: the state leads).
CREATE INDEX alert_state_firing_ix ON alert_state (status, problem, monitor);
CREATE INDEX alert_state_undelivered_ix ON alert_state (delivery_status, sink);
