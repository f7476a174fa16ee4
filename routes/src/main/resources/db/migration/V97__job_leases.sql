-- Scheduled jobs run once per period across hub instances (ADR 0054). shedlock: ShedLock's lease
-- table (one row per job; a lease ends at lock_until, so a crashed holder's lease expires).
-- job_run: one row per job and period, written by the instance that holds the lease before it runs
-- the job; the primary key makes a second run in the same period impossible, whoever attempts it.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);

CREATE TABLE job_run (
    job_name     VARCHAR(64)  NOT NULL,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    instance_id  VARCHAR(128) NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    outcome      VARCHAR(16)  NOT NULL,
    PRIMARY KEY (job_name, period_start)
);
