package jp.shomei.ocsp.response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import jp.shomei.ocsp.issuer.ServedIssuer;
import jp.shomei.ocsp.signer.OcspSigner;
import jp.shomei.ocsp.signer.OcspSigners;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ocsp.status.CertState;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;

/**
 * Signs a successful OCSP response with the issuer's current delegated signer, which travels in the
 * response so that clients can check it against the CA certificate they already trust.
 */
public final class ResponseSigner {

    /** The answer for one CertID: the certificate's state, or empty for a serial the issuer never issued. */
    public record Answer(CertificateID id, Optional<CertState> state) {
    }

    private final OcspSigners signers;
    private final Clock clock;
    private final Duration validity;

    public ResponseSigner(OcspSigners signers, Clock clock, Duration validity) {
        this.signers = signers;
        this.clock = clock;
        this.validity = validity;
    }

    public SignedResponse sign(ServedIssuer issuer, List<Answer> answers, Optional<Extension> nonce) {
        OcspSigner signer = signers.current(issuer);
        // Whole seconds: RFC 5019 §2.2.4 forbids fractional seconds in these times.
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(validity);
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(signer.responderId());
        for (Answer answer : answers) {
            builder.addResponse(answer.id(), statusOf(answer.state()), Date.from(thisUpdate), Date.from(nextUpdate),
                    singleExtensions(issuer, answer.state()));
        }
        nonce.ifPresent(extension -> builder.setResponseExtensions(new Extensions(extension)));
        try {
            BasicOCSPResp basic = builder.build(signer.key().sha256WithRsa(),
                    new X509CertificateHolder[] {signer.certificate()}, Date.from(thisUpdate));
            byte[] der = new OCSPRespBuilder().build(OCSPResp.SUCCESSFUL, basic).getEncoded();
            return SignedResponse.of(der, thisUpdate, nextUpdate);
        } catch (OCSPException e) {
            throw new IllegalStateException("cannot build an OCSP response: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The face-only mode extension on every answer about a known authentication certificate; nothing else. */
    private static Extensions singleExtensions(ServedIssuer issuer, Optional<CertState> state) {
        if (issuer.kind() != CaKind.AUTHENTICATION || state.isEmpty()) {
            return null;
        }
        return new Extensions(FaceOnlyExtension.of(state.get().mode()));
    }

    private static CertificateStatus statusOf(Optional<CertState> known) {
        if (known.isEmpty()) {
            return new UnknownStatus();
        }
        CertState state = known.get();
        if (state.status() == jp.shomei.ca.certificate.CertificateStatus.GOOD) {
            return CertificateStatus.GOOD;
        }
        Date since = Date.from(state.since());
        return state.reason()
                .map(reason -> new RevokedStatus(since, reason.code()))
                .orElseGet(() -> new RevokedStatus(new RevokedInfo(new ASN1GeneralizedTime(since), null)));
    }
}
