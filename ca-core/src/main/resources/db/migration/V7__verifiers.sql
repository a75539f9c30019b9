-- Relying parties ("verifiers"), the certificates they follow, residents' consents to basic-four
-- disclosure, and the municipalities' DV / stalking protection flag (支援措置).

-- One row per registered verifier; it authenticates with the client certificate whose SHA-256
-- fingerprint is recorded here. verifier_class is SIGNATURE, AUTHENTICATION or BOTH.
CREATE TABLE verifier (
    verifier_id         VARCHAR(64)  PRIMARY KEY,
    verifier_class      VARCHAR(16)  NOT NULL,
    purpose             VARCHAR(200) NOT NULL,
    certificate_sha256  CHAR(64)     NOT NULL UNIQUE,
    requests_per_second INTEGER      NOT NULL,
    registered_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The certificates a verifier registered as its customers: its revocation feed covers these only.
CREATE TABLE verifier_customer (
    verifier_id   VARCHAR(64) NOT NULL REFERENCES verifier (verifier_id),
    serial        VARCHAR(40) NOT NULL REFERENCES certificate (serial),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (verifier_id, serial)
);
CREATE INDEX verifier_customer_by_serial ON verifier_customer (serial);

-- A resident's consent to disclose the latest basic four to one verifier for one purpose, until
-- expires_at or until withdrawn. recorded_by names the municipality or the signed consent document.
CREATE TABLE consent (
    consent_id    VARCHAR(36)  PRIMARY KEY,
    resident_code CHAR(11)     NOT NULL REFERENCES resident (resident_code),
    verifier_id   VARCHAR(64)  NOT NULL REFERENCES verifier (verifier_id),
    purpose       VARCHAR(200) NOT NULL,
    given_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at  TIMESTAMP WITH TIME ZONE,
    recorded_by   VARCHAR(160) NOT NULL
);
CREATE INDEX consent_by_resident ON consent (resident_code, verifier_id);

-- Residents whose address is never disclosed, whatever a consent says.
CREATE TABLE address_protection (
    resident_code CHAR(11)     PRIMARY KEY REFERENCES resident (resident_code),
    since         TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by        VARCHAR(160) NOT NULL
);
