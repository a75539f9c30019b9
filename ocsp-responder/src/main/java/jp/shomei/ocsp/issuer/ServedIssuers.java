package jp.shomei.ocsp.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * Finds the CA generation a CertID names. Every generation of one kind shares the DN, so the issuer
 * name hash alone cannot tell them apart; the key hash does. The hashes are computed once here for
 * both algorithms clients use (SHA-1, which RFC 5019 requires, and SHA-256).
 */
public final class ServedIssuers {

    /** The CertID hash algorithms answered; anything else is a malformed request. */
    public static final List<ASN1ObjectIdentifier> HASH_ALGORITHMS =
            List.of(OIWObjectIdentifiers.idSHA1, NISTObjectIdentifiers.id_sha256);

    private final Map<String, ServedIssuer> byHashes = new HashMap<>();
    private final List<ServedIssuer> all;

    public ServedIssuers(CertificateAuthorities authorities) {
        List<ServedIssuer> issuers = new java.util.ArrayList<>();
        for (CaKind kind : CaKind.values()) {
            for (CertificateAuthorities.CaGeneration generation : authorities.all(kind)) {
                ServedIssuer issuer = new ServedIssuer(kind, generation.number(), generation.authority());
                issuers.add(issuer);
                for (ASN1ObjectIdentifier algorithm : HASH_ALGORITHMS) {
                    byHashes.put(key(algorithm, nameHash(algorithm, issuer.authority().certificate()),
                            keyHash(algorithm, issuer.authority().certificate())), issuer);
                }
            }
        }
        this.all = List.copyOf(issuers);
    }

    public static boolean isSupportedHash(ASN1ObjectIdentifier algorithm) {
        return HASH_ALGORITHMS.contains(algorithm);
    }

    /** The issuer the CertID names, if this responder serves it. */
    public Optional<ServedIssuer> find(CertificateID id) {
        return Optional.ofNullable(byHashes.get(key(id.getHashAlgOID(), id.getIssuerNameHash(), id.getIssuerKeyHash())));
    }

    public List<ServedIssuer> all() {
        return all;
    }

    public Optional<ServedIssuer> find(CaKind kind, int generation) {
        return all.stream().filter(issuer -> issuer.kind() == kind && issuer.generation() == generation).findFirst();
    }

    private static String key(ASN1ObjectIdentifier algorithm, byte[] nameHash, byte[] keyHash) {
        HexFormat hex = HexFormat.of();
        return algorithm.getId() + '/' + hex.formatHex(nameHash) + '/' + hex.formatHex(keyHash);
    }

    private static byte[] nameHash(ASN1ObjectIdentifier algorithm, X509CertificateHolder certificate) {
        try {
            return digest(algorithm, certificate.getSubject().getEncoded("DER"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 6960 §4.1.1: the hash of the issuer's public key BIT STRING value, without tag and length. */
    private static byte[] keyHash(ASN1ObjectIdentifier algorithm, X509CertificateHolder certificate) {
        return digest(algorithm, certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
    }

    private static byte[] digest(ASN1ObjectIdentifier algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.equals(OIWObjectIdentifiers.idSHA1) ? "SHA-1" : "SHA-256")
                    .digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
