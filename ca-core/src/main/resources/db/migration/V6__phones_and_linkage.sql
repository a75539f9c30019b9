-- Smartphone certificates, face-authentication mode and certificate linkage (DESIGN.md §3).

-- The device a certificate's key lives on. Every certificate issued before this migration is a
-- card certificate. A phone certificate names the phone (device_id, as the phone's keystore reports
-- it) and the card certificate of the same kind that authorised it and bounds its validity.
ALTER TABLE certificate ADD COLUMN device VARCHAR(8) NOT NULL DEFAULT 'CARD';
ALTER TABLE certificate ADD COLUMN device_id VARCHAR(64);
ALTER TABLE certificate ADD COLUMN card_serial VARCHAR(40) REFERENCES certificate (serial);
CREATE INDEX certificate_by_card_serial ON certificate (card_serial);

-- How the card's authentication certificate may be used: PIN, or FACE (a face-authentication card
-- with no PIN set). Recorded on the certificate and on every status event, so that OCSP learns a
-- switch from the status change feed like any other change. Signing certificates are always PIN.
ALTER TABLE certificate ADD COLUMN authentication_mode VARCHAR(8) NOT NULL DEFAULT 'PIN';
ALTER TABLE status_event ADD COLUMN authentication_mode VARCHAR(8) NOT NULL DEFAULT 'PIN';

-- Old-to-new links: each certificate has at most one successor and at most one predecessor.
-- kind: RENEWAL, REISSUE (after a change of the basic four information) or PHONE_REPLACEMENT.
CREATE TABLE certificate_succession (
    predecessor_serial VARCHAR(40) PRIMARY KEY REFERENCES certificate (serial),
    successor_serial   VARCHAR(40) NOT NULL UNIQUE REFERENCES certificate (serial),
    kind               VARCHAR(24) NOT NULL,
    linked_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Signing-to-authentication links: the two certificates of one person on one device. An
-- authentication certificate pairs with each signing certificate issued beside it over its life.
CREATE TABLE certificate_pairing (
    signing_serial        VARCHAR(40) NOT NULL REFERENCES certificate (serial),
    authentication_serial VARCHAR(40) NOT NULL REFERENCES certificate (serial),
    linked_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (signing_serial, authentication_serial)
);
CREATE INDEX certificate_pairing_by_authentication ON certificate_pairing (authentication_serial);

-- Renewals made before this migration were linked on the certificate rows only.
INSERT INTO certificate_succession (predecessor_serial, successor_serial, kind, linked_at)
    SELECT serial, successor_serial, 'RENEWAL', status_changed_at FROM certificate
    WHERE successor_serial IS NOT NULL;
