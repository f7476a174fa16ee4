-- The home-care packages councils recorded in their d2a-care-in-place answers (ADR 0063), so that an
-- admission suspends the provider's visits and the discharge resumes them. One row per person and
-- council: person_ref is a digest of the person's pseudonym in the hub's d2a-measure key domain (no
-- NHS number, name or address is stored here). A later answer replaces the row; a package end deletes it.
-- suspended_stay_ref is the stay (as d2a_stay_clock.stay_ref) whose admission suspended the visits.
CREATE TABLE d2a_home_care_package (
    person_ref           VARCHAR(64)  NOT NULL,
    council_agency       VARCHAR(64)  NOT NULL,
    provider_agency      VARCHAR(64)  NOT NULL,
    package_id           VARCHAR(128) NOT NULL,
    recorded_message_id  VARCHAR(64)  NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    suspended_stay_ref   VARCHAR(64),
    suspended_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_d2a_home_care_package PRIMARY KEY (person_ref, council_agency)
);
