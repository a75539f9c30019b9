package jp.shomei.ca.ejbca;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.Pem;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.profile.CrlPartition;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * GET /ca, /ca/{subject_dn}/certificate/download and /ca/{issuer_dn}/getLatestCrl: the two JPKI CAs
 * under their EJBCA names, each as its issuing generation, and the CRLs the CRL publisher has written.
 */
final class CaInformation {

    private final CertificateAuthorities authorities;
    private final Path crlDirectory;

    /** @param crlDirectory where the CRL publisher writes {@code <ca>/<partition>.crl} */
    CaInformation(CertificateAuthorities authorities, Path crlDirectory) {
        this.authorities = authorities;
        this.crlDirectory = crlDirectory;
    }

    JsonObject list() {
        JsonArray cas = new JsonArray();
        for (CaKind kind : CaKind.values()) {
            X509CertificateHolder certificate = issuing(kind);
            String subject = EjbcaNames.dn(certificate.getSubject());
            cas.add(new JsonObject()
                    .put("id", subject.hashCode())
                    .put("name", EjbcaNames.caName(kind))
                    .put("subject_dn", subject)
                    .put("issuer_dn", EjbcaNames.dn(certificate.getIssuer()))
                    .put("expiration_date", EjbcaDates.format(certificate.getNotAfter().toInstant()))
                    .put("external", false));
        }
        return new JsonObject().put("certificate_authorities", cas);
    }

    /** The issuing CA certificate in PEM; the CAs are self-signed, so it is the whole chain. */
    byte[] certificatePem(CaKind kind) {
        return Pem.certificate(EjbcaCertificates.der(issuing(kind))).getBytes(StandardCharsets.US_ASCII);
    }

    String fileName(CaKind kind) {
        return EjbcaNames.caName(kind) + ".cacert.pem";
    }

    /**
     * The latest CRL of the partition the caller may ask for: for signing certificates, the calling
     * municipality's own; for authentication certificates, bucket {@code partitionIndex} (0 to 63).
     */
    JsonObject latestCrl(Actor actor, CaKind kind, boolean delta, int partitionIndex) {
        String partition;
        if (kind == CaKind.SIGNING) {
            if (partitionIndex != 0) {
                throw new EjbcaError(400, "crlPartitionIndex must be 0 for " + EjbcaNames.caName(kind)
                        + ": its partition is the calling municipality's");
            }
            partition = actor.municipalityCode();
        } else {
            if (partitionIndex < 0 || partitionIndex >= CrlPartition.AUTHENTICATION_BUCKETS) {
                throw new EjbcaError(400, "crlPartitionIndex must be 0 to " + (CrlPartition.AUTHENTICATION_BUCKETS - 1)
                        + " for " + EjbcaNames.caName(kind));
            }
            partition = String.format("b%02d", partitionIndex);
        }
        Path file = crlDirectory.resolve(kind.pathName()).resolve(partition + (delta ? ".delta.crl" : ".crl"));
        try {
            return new JsonObject().put("crl", Base64.getEncoder().encodeToString(Files.readAllBytes(file)))
                    .put("response_format", "DER");
        } catch (NoSuchFileException e) {
            throw new EjbcaError(404, "No " + (delta ? "delta " : "") + "CRL has been published yet for partition "
                    + partition + " of " + EjbcaNames.caName(kind));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private X509CertificateHolder issuing(CaKind kind) {
        return authorities.issuing(kind).authority().certificate();
    }
}
