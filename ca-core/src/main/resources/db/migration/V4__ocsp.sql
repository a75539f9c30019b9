-- Delegated OCSP signing certificates, one series per CA generation. Kept in the database so that
-- every responder node signs with the same certificate and a rollover made by one node reaches all.
-- The keys stay in the key source under key_label.
CREATE TABLE ocsp_signer (
    key_label      VARCHAR(64)  PRIMARY KEY,
    ca_kind        VARCHAR(16)  NOT NULL,
    ca_generation  INTEGER      NOT NULL,
    number         INTEGER      NOT NULL,
    der            BYTEA        NOT NULL,
    not_after      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (ca_kind, ca_generation, number),
    FOREIGN KEY (ca_kind, ca_generation) REFERENCES ca_certificate (ca_kind, generation)
);
