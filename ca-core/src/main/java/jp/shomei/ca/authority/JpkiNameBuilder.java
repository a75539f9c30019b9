package jp.shomei.ca.authority;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Builds directory names the way the real JPKI certificates encode them: countryName as
 * PrintableString, every other attribute as UTF8String, one attribute per RDN, in the order added
 * (country first). The string types are set explicitly rather than left to a name style, because
 * relying parties compare names byte for byte.
 */
public final class JpkiNameBuilder {

    private final X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);

    private JpkiNameBuilder() {
    }

    /** A name starting with C=JP. */
    public static JpkiNameBuilder japan() {
        JpkiNameBuilder name = new JpkiNameBuilder();
        name.builder.addRDN(BCStyle.C, new DERPrintableString("JP"));
        return name;
    }

    public JpkiNameBuilder organization(String value) {
        return add(BCStyle.O, value);
    }

    public JpkiNameBuilder organizationalUnit(String value) {
        return add(BCStyle.OU, value);
    }

    public JpkiNameBuilder locality(String value) {
        return add(BCStyle.L, value);
    }

    public JpkiNameBuilder commonName(String value) {
        return add(BCStyle.CN, value);
    }

    public X500Name build() {
        return builder.build();
    }

    private JpkiNameBuilder add(ASN1ObjectIdentifier type, String value) {
        builder.addRDN(type, new DERUTF8String(value));
        return this;
    }
}
