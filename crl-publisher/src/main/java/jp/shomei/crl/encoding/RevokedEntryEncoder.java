package jp.shomei.crl.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/** Encodes one revokedCertificates entry as DER, with its reasonCode and invalidityDate extensions. */
final class RevokedEntryEncoder {

    /** Indexed by CRLReason code; the extension is the same for every entry with that reason. */
    private static final Extension[] REASON_EXTENSIONS = new Extension[CRLReason.aACompromise + 1];

    static {
        for (int code = 0; code < REASON_EXTENSIONS.length; code++) {
            if (code != 7) {
                REASON_EXTENSIONS[code] = new Extension(Extension.reasonCode, false,
                        new DEROctetString(encode(CRLReason.lookup(code))));
            }
        }
    }

    private RevokedEntryEncoder() {
    }

    static byte[] encode(RevokedEntry entry) {
        List<Extension> extensions = new ArrayList<>(2);
        entry.reason().ifPresent(code -> extensions.add(REASON_EXTENSIONS[code]));
        entry.invalidityDate().ifPresent(date -> extensions.add(new Extension(Extension.invalidityDate, false,
                new DEROctetString(encode(DerTimes.generalizedTime(date))))));
        ASN1Encodable[] fields = extensions.isEmpty()
                ? new ASN1Encodable[] {new ASN1Integer(entry.serial()), DerTimes.time(entry.revocationDate())}
                : new ASN1Encodable[] {new ASN1Integer(entry.serial()), DerTimes.time(entry.revocationDate()),
                    new Extensions(extensions.toArray(Extension[]::new))};
        return encode(new DERSequence(fields));
    }

    private static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot DER-encode a CRL entry", e);
        }
    }
}
