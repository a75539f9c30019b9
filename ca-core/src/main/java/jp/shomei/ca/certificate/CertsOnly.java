package jp.shomei.ca.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.util.CollectionStore;

/**
 * A "certs-only" CMS SignedData (RFC 5652 §5, no signers, no content): the degenerate PKCS#7 in which
 * EST and EJBCA hand out certificates and CA chains.
 */
public final class CertsOnly {

    private CertsOnly() {
    }

    /** The DER encoding of a certs-only SignedData holding these certificates, in order. */
    public static byte[] of(List<X509CertificateHolder> certificates) {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        try {
            generator.addCertificates(new CollectionStore<>(certificates));
            return generator.generate(new CMSAbsentContent()).getEncoded();
        } catch (CMSException e) {
            throw new IllegalStateException("could not build a certs-only SignedData", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a DER certificate that Shomei itself encoded. */
    public static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
