-- Shomei foundation schema. Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

CREATE TABLE municipality (
    code              CHAR(6)      PRIMARY KEY,
    prefecture_kanji  VARCHAR(8)   NOT NULL,
    name_kanji        VARCHAR(32)  NOT NULL,
    prefecture_romaji VARCHAR(16)  NOT NULL,
    name_romaji       VARCHAR(64)  NOT NULL
);

CREATE TABLE resident (
    resident_code     CHAR(11)     PRIMARY KEY,
    municipality_code CHAR(6)      NOT NULL REFERENCES municipality (code),
    name              VARCHAR(100) NOT NULL,
    name_flags        VARCHAR(100) NOT NULL,
    date_of_birth     DATE         NOT NULL,
    sex               VARCHAR(8)   NOT NULL,
    address           VARCHAR(200) NOT NULL,
    address_flags     VARCHAR(200) NOT NULL,
    adult_ward        BOOLEAN      NOT NULL,
    deceased_on       DATE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX resident_by_municipality ON resident (municipality_code);

-- One row per CA key generation; several generations of one kind share a DN.
CREATE TABLE ca_certificate (
    serial      VARCHAR(40) PRIMARY KEY,
    ca_kind     VARCHAR(16) NOT NULL,
    generation  INTEGER     NOT NULL,
    key_label   VARCHAR(64) NOT NULL,
    der         BYTEA       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (ca_kind, generation)
);

-- Serials are unique across both CAs (a stronger form of "unique per CA"), as lowercase hex.
CREATE TABLE certificate (
    serial             VARCHAR(40)  PRIMARY KEY,
    ca_kind            VARCHAR(16)  NOT NULL,
    ca_generation      INTEGER      NOT NULL,
    resident_code      CHAR(11)     NOT NULL REFERENCES resident (resident_code),
    municipality_code  CHAR(6)      NOT NULL REFERENCES municipality (code),
    crl_partition      VARCHAR(16)  NOT NULL,
    subject_cn         VARCHAR(64)  NOT NULL,
    not_before         TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after          TIMESTAMP WITH TIME ZONE NOT NULL,
    card_expires_on    DATE         NOT NULL,
    status             VARCHAR(8)   NOT NULL,
    revocation_reason  VARCHAR(32),
    status_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    predecessor_serial VARCHAR(40),
    successor_serial   VARCHAR(40),
    -- SHA-256 of the subjectPublicKeyInfo: one key, one certificate, whoever asks.
    public_key_sha256  CHAR(64)     NOT NULL UNIQUE,
    der                BYTEA        NOT NULL,
    FOREIGN KEY (ca_kind, ca_generation) REFERENCES ca_certificate (ca_kind, generation)
);
CREATE INDEX certificate_by_resident ON certificate (resident_code, ca_kind);

-- Every accepted status transition, numbered without gaps: OCSP, CRL and the verifier feed
-- consume this in sequence order.
CREATE TABLE status_event (
    seq               BIGINT       PRIMARY KEY,
    serial            VARCHAR(40)  NOT NULL REFERENCES certificate (serial),
    ca_kind           VARCHAR(16)  NOT NULL,
    status            VARCHAR(8)   NOT NULL,
    revocation_reason VARCHAR(32),
    effective_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX status_event_by_serial ON status_event (serial);

CREATE TABLE audit_record (
    seq           BIGINT        PRIMARY KEY,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(128)  NOT NULL,
    action        VARCHAR(32)   NOT NULL,
    resident_code CHAR(11),
    serial        VARCHAR(40),
    detail        VARCHAR(1000) NOT NULL
);

-- Gap-free counters: a writer increments its row, which holds the row lock until commit, so
-- numbers become visible in order and a rolled-back transaction leaves no hole.
CREATE TABLE gapless_counter (
    name  VARCHAR(32) PRIMARY KEY,
    current_value BIGINT NOT NULL
);
INSERT INTO gapless_counter (name, current_value) VALUES ('status_event', 0);
INSERT INTO gapless_counter (name, current_value) VALUES ('audit_record', 0);

-- Sequence part of signing-certificate common names; gaps are harmless there.
CREATE SEQUENCE common_name_sequence START WITH 1;
