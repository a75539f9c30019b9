package jp.shomei.ca.linkage;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Everything linked to one certificate.
 *
 * @param serial       the certificate asked about
 * @param predecessors the chain of certificates it replaced, nearest first, back to the first one
 * @param successors   the chain of certificates that replaced it, nearest first, up to the newest one
 * @param pairings     the certificates of the other kind on the same device, newest first; a signing
 *                     certificate has at most one, an authentication certificate one per signing
 *                     certificate issued beside it
 */
public record CertificateLinks(BigInteger serial, List<Succession> predecessors, List<Succession> successors,
                               List<Pairing> pairings) {

    public CertificateLinks {
        predecessors = List.copyOf(predecessors);
        successors = List.copyOf(successors);
        pairings = List.copyOf(pairings);
    }

    /** The certificate that directly replaced this one. */
    public Optional<BigInteger> successor() {
        return successors.stream().findFirst().map(Succession::successor);
    }

    /** The newest certificate in the successor chain: the one the resident holds now, or last held. */
    public Optional<BigInteger> newestSuccessor() {
        return successors.isEmpty() ? Optional.empty()
                : Optional.of(successors.get(successors.size() - 1).successor());
    }

    /** The newest certificate of the other kind on the same device. */
    public Optional<BigInteger> pairedCertificate() {
        return pairings.stream().findFirst().map(pairing -> pairing.other(serial));
    }
}
