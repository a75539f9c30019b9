-- CRL publication state, shared by every node.

-- One row per CRL scope ("sign/131016", "auth/b07", "sign/arl"). Full and delta CRLs of a scope share
-- one numbering sequence (RFC 5280 section 5.2.3), so the number lives here and only ever increases.
-- The base columns describe the newest full CRL: deltas name it in their deltaCRLIndicator and list
-- the status changes after base_sequence.
CREATE TABLE crl_scope_state (
    scope            VARCHAR(32) PRIMARY KEY,
    last_crl_number  BIGINT      NOT NULL,
    base_crl_number  BIGINT,
    base_sequence    BIGINT,
    base_this_update TIMESTAMP WITH TIME ZONE
);

-- A full CRL streams the revoked and held certificates of one partition in serial order.
CREATE INDEX certificate_by_crl_partition ON certificate (ca_kind, crl_partition, status, serial);
