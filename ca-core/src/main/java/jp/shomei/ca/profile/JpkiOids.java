package jp.shomei.ca.profile;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Object identifiers under J-LIS's arc 1.2.392.200149 that JPKI end-entity certificates carry. */
public final class JpkiOids {

    /** Certificate policy of signing certificates (署名用電子証明書). */
    public static final ASN1ObjectIdentifier SIGNING_POLICY = new ASN1ObjectIdentifier("1.2.392.200149.8.5.1.1.20");
    /** Certificate policy of authentication certificates (利用者証明用電子証明書). */
    public static final ASN1ObjectIdentifier AUTHENTICATION_POLICY = new ASN1ObjectIdentifier("1.2.392.200149.8.5.1.3.30");

    /**
     * Shomei's private arc. J-LIS allocates under 1.2.392.200149 and we cannot, so everything Shomei
     * defines itself (phone certificate policies, OCSP extensions) lives under one private enterprise
     * arc; 99999 is a placeholder until the operator registers its own number, and changing it here
     * changes it everywhere.
     */
    public static final ASN1ObjectIdentifier SHOMEI_ARC = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999");
    /** Certificate policies of smartphone certificates (移動端末設備用電子証明書), so that verifiers can tell them from card ones. */
    public static final ASN1ObjectIdentifier PHONE_POLICIES = SHOMEI_ARC.branch("2");
    /** Certificate policy of a signing certificate whose key lives on a phone. */
    public static final ASN1ObjectIdentifier PHONE_SIGNING_POLICY = PHONE_POLICIES.branch("1");
    /** Certificate policy of an authentication certificate whose key lives on a phone. */
    public static final ASN1ObjectIdentifier PHONE_AUTHENTICATION_POLICY = PHONE_POLICIES.branch("2");

    /** Arc of the subjectAltName otherName types carrying the basic four information. */
    public static final ASN1ObjectIdentifier BASIC_FOUR = new ASN1ObjectIdentifier("1.2.392.200149.8.5.5");
    public static final ASN1ObjectIdentifier NAME = BASIC_FOUR.branch("1");
    public static final ASN1ObjectIdentifier NAME_SUBSTITUTION_FLAGS = BASIC_FOUR.branch("2");
    public static final ASN1ObjectIdentifier SEX = BASIC_FOUR.branch("3");
    public static final ASN1ObjectIdentifier DATE_OF_BIRTH = BASIC_FOUR.branch("4");
    public static final ASN1ObjectIdentifier ADDRESS = BASIC_FOUR.branch("5");
    public static final ASN1ObjectIdentifier ADDRESS_SUBSTITUTION_FLAGS = BASIC_FOUR.branch("6");

    private JpkiOids() {
    }
}
