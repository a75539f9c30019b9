package jp.shomei.ocsp;

import java.time.Duration;

/**
 * The responder's tunables, checked when built.
 *
 * @param responseValidity     how long a response stays fresh (thisUpdate to nextUpdate)
 * @param signerValidity       validity of a delegated OCSP signing certificate
 * @param signerRenewBefore    a new signing certificate is issued when the current one has less left than this
 * @param maxCertificatesPerRequest more CertIDs than this in one request is refused as malformedRequest
 * @param maxRequestBytes      POST bodies over this are refused with HTTP 413
 * @param presignedCapacity    at most this many pre-signed responses are held in memory
 * @param feedPollInterval     how often the status-change feed looks for new changes
 */
public record OcspSettings(Duration responseValidity, Duration signerValidity, Duration signerRenewBefore,
                           int maxCertificatesPerRequest, int maxRequestBytes, int presignedCapacity,
                           Duration feedPollInterval) {

    public static final OcspSettings DEFAULTS = new OcspSettings(Duration.ofHours(1), Duration.ofDays(30),
            Duration.ofDays(10), 20, 16 * 1024, 1_000_000, Duration.ofMillis(100));

    public OcspSettings {
        if (responseValidity.compareTo(Duration.ofMinutes(1)) < 0 || responseValidity.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("OCSP response validity must be 1 minute to 7 days, got " + responseValidity);
        }
        if (signerRenewBefore.compareTo(responseValidity) <= 0 || signerRenewBefore.compareTo(signerValidity) >= 0) {
            throw new IllegalArgumentException("OCSP signer renewal window " + signerRenewBefore
                    + " must be longer than the response validity " + responseValidity
                    + " and shorter than the signer validity " + signerValidity);
        }
        if (maxCertificatesPerRequest < 1 || maxCertificatesPerRequest > 1000) {
            throw new IllegalArgumentException("certificates per OCSP request must be 1..1000, got " + maxCertificatesPerRequest);
        }
        if (maxRequestBytes < 256 || maxRequestBytes > 1024 * 1024) {
            throw new IllegalArgumentException("OCSP request size limit must be 256 B..1 MiB, got " + maxRequestBytes);
        }
        if (presignedCapacity < 1) {
            throw new IllegalArgumentException("pre-signed response capacity must be positive, got " + presignedCapacity);
        }
    }
}
