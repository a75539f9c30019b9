package jp.shomei.ca.cmp;

import io.micronaut.data.exceptions.DataAccessException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.MunicipalRateLimit;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.keys.KeySourceException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertifiedKeyPair;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.GenRepContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.RevRepContentBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.CertificateStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lightweight CMP server (RFC 9483) of one Shomei: reads a PKIMessage, authenticates the
 * municipality or call centre that signed it, refuses replays, and carries out ir, cr, p10cr, kur,
 * rr, certConf and genm through the same {@link jp.shomei.ca.lifecycle.CertificateLifecycle} as the JSON API, so the
 * same rules, authorisation and audit apply. Every outcome is a signed PKIMessage; a refusal is an
 * error message with the PKIFailureInfo that names it and a text. See docs/cmp.md.
 */
public final class CmpService {

    private static final Logger LOG = LoggerFactory.getLogger(CmpService.class);

    private final CaServices services;
    private final CertificateAuthorities authorities;
    private final SenderAuthentication senders;
    private final ResponseProtection protection;
    private final ReplayGuard replays;
    private final PendingConfirmations confirmations;
    private final MunicipalRateLimit rateLimit;
    private final Clock clock;

    CmpService(CaServices services, CertificateAuthorities authorities, SenderAuthentication senders,
               ResponseProtection protection, MunicipalRateLimit rateLimit, Clock clock) {
        this.services = services;
        this.authorities = authorities;
        this.senders = senders;
        this.protection = protection;
        this.rateLimit = rateLimit;
        this.replays = new ReplayGuard(clock);
        this.confirmations = new PendingConfirmations(clock);
        this.clock = clock;
    }

    /**
     * A service that trusts municipal credentials issued by the operations CA, signs its responses
     * with the municipal listener's server credential, and counts requests that came without a TLS
     * client credential against the signing municipality's bucket of {@code rateLimit}.
     */
    public static CmpService create(CaServices services, CertificateAuthorities authorities,
                                    LocalCredentials credentials, MunicipalRateLimit rateLimit, Clock clock,
                                    SecureRandom random) {
        X509CertificateHolder operationsCa = ResponseProtection.readCertificate(credentials.operationsCa().certificate());
        LocalCredentials.Credential responder = credentials.server();
        return new CmpService(services, authorities, new SenderAuthentication(operationsCa, clock),
                ResponseProtection.fromPem(responder.certificate(), responder.privateKey(), clock, random), rateLimit,
                clock);
    }

    /** The answer to one HTTP request: its status and a DER PKIMessage. */
    public record Reply(int httpStatus, byte[] body) {
    }

    /**
     * Handles one DER-encoded request to the CA of this kind; blocks on the store and the signing key.
     * {@code countedOnConnection}: the listener's rate limit already counted it against its TLS client
     * credential ({@link MunicipalRateLimit#countedOnConnection}), so it is not counted again.
     */
    public Reply handle(CaKind kind, byte[] request, boolean countedOnConnection) {
        return decode(request)
                .map(message -> new Reply(200, encode(answer(kind, message, countedOnConnection))))
                .orElseGet(() -> new Reply(400, encode(error(null, CmpFailure.badDataFormat(
                        "the request body is not a DER-encoded PKIMessage")))));
    }

    /** The request as a PKIMessage whose header and body type can be read, or empty. */
    static Optional<PKIMessage> decode(byte[] request) {
        try {
            PKIMessage message = PKIMessage.getInstance(ASN1Primitive.fromByteArray(request));
            message.getHeader().getSender();
            message.getBody().getType();
            return Optional.of(message);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private PKIMessage answer(CaKind kind, PKIMessage message, boolean countedOnConnection) {
        PKIHeader header = message.getHeader();
        try {
            Actor actor = RequestBody.reading("the protection", () -> senders.authenticate(message));
            if (!countedOnConnection) {
                requireWithinRate(actor);
            }
            PKIBody body = message.getBody();
            if (body.getType() == PKIBody.TYPE_CERT_CONFIRM) {
                replays.admitContinuation(header);
            } else {
                replays.admitNewTransaction(header);
            }
            RequestBody request = RequestBody.read(body);
            if (request instanceof RequestBody.Confirmation confirm) {
                return confirm(actor, header, confirm);
            }
            if (request instanceof RequestBody.Certification certification) {
                Optional<LocalDate> cardExpiry = RequestBody.reading("the card's expiry date", () -> CardExpiry.in(header));
                return switch (body.getType()) {
                    case PKIBody.TYPE_KEY_UPDATE_REQ -> update(actor, kind, header, certification.order(), cardExpiry);
                    case PKIBody.TYPE_INIT_REQ -> enroll(actor, kind, header, certification.order(), cardExpiry,
                            PKIBody.TYPE_INIT_REP);
                    default -> enroll(actor, kind, header, certification.order(), cardExpiry, PKIBody.TYPE_CERT_REP);
                };
            }
            if (request instanceof RequestBody.Revocation revocation) {
                return revoke(actor, kind, header, revocation);
            }
            return general(kind, header, (RequestBody.General) request);
        } catch (CmpFailure failure) {
            return error(header, failure);
        } catch (RefusedException refusal) {
            return error(header, new CmpFailure(FailInfos.of(refusal.problem()), refusal.detail()));
        } catch (RuntimeException e) {
            return error(header, unexpected(e));
        }
    }

    /**
     * A request without a TLS client credential takes from the bucket of the municipality that signed
     * it, the bucket its TLS requests take from. It is counted only once the signature has verified: the
     * sender named in an unverified header could be anyone's, and would drain that municipality's bucket.
     * Before the replay guard, so that a refused request leaves no trace and may be sent again.
     *
     * <p>The refusal is a CMP error message: rejection with systemUnavail, RFC 4210's one failInfo for
     * a refusal that passes by itself (neither it nor RFC 9483 has one for a rate), its statusString
     * saying when to retry. It travels as HTTP 200 without Retry-After, not as 429: RFC 6712 §3.3 carries
     * a CMP response in a 200 and leaves 4xx and 5xx to errors reported by HTTP instead of by a
     * PKIMessage, so a CMP client reads failInfo and text only from a 200 (the one exception here, 400
     * for a body that is no PKIMessage, has no transaction to answer). The listener's own limit, on
     * requests with a TLS credential, is such an HTTP error: 429 before the message is read.
     */
    private void requireWithinRate(Actor actor) {
        rateLimit.take(MunicipalRateLimit.clientOf(actor)).ifPresent(refusal -> {
            throw new CmpFailure(PKIFailureInfo.systemUnavail, "rate limited: " + refusal.detail());
        });
    }

    private PKIMessage enroll(Actor actor, CaKind kind, PKIHeader header, CertificationOrder order,
                              Optional<LocalDate> cardExpiry, int responseType) {
        LocalDate cardExpiresOn = cardExpiry.orElseThrow(CardExpiry::missing);
        CertificateRecord issued = services.certificates().enroll(actor, order.requiredResidentCode(), kind,
                order.publicKey(), cardExpiresOn);
        return certified(actor, header, order, issued, responseType);
    }

    private PKIMessage update(Actor actor, CaKind kind, PKIHeader header, CertificationOrder order,
                              Optional<LocalDate> cardExpiry) {
        BigInteger oldSerial = order.requiredOldSerial();
        requireKind(actor, kind, oldSerial);
        CertificateRecord successor = services.certificates().renew(actor, oldSerial, order.publicKey(),
                cardExpiry).successor();
        return certified(actor, header, order, successor, PKIBody.TYPE_KEY_UPDATE_REP);
    }

    private PKIMessage certified(Actor actor, PKIHeader header, CertificationOrder order, CertificateRecord issued,
                                 int responseType) {
        X509CertificateHolder certificate = holder(issued.der());
        CertResponse response = new CertResponse(order.certReqId(), new PKIStatusInfo(PKIStatus.granted),
                new CertifiedKeyPair(new CertOrEncCert(new CMPCertificate(certificate.toASN1Structure()))), null);
        PKIBody body = new PKIBody(responseType, new CertRepMessage(null, new CertResponse[] {response}));
        boolean implicit = asksImplicitConfirm(header);
        PKIMessage reply = protection.respond(header, body, List.of(issuingCa(issued)),
                implicit ? List.of(new InfoTypeAndValue(CMPObjectIdentifiers.it_implicitConfirm)) : List.of());
        if (!implicit) {
            confirmations.await(header.getTransactionID().getOctets(), new PendingConfirmations.Pending(
                    actor.municipalityCode(), order.certReqId(), issued.serial(), certificate,
                    reply.getHeader().getSenderNonce().getOctets(), clock.instant()));
        }
        return reply;
    }

    private PKIMessage confirm(Actor actor, PKIHeader header, RequestBody.Confirmation confirmation) {
        PendingConfirmations.Pending pending = confirmations.take(header.getTransactionID().getOctets())
                .filter(waiting -> waiting.municipalityCode().equals(actor.municipalityCode()))
                .orElseThrow(() -> CmpFailure.badRequest("no certificate awaits confirmation in this transaction"));
        if (header.getRecipNonce() == null
                || !Arrays.equals(header.getRecipNonce().getOctets(), pending.responseNonce())) {
            throw new CmpFailure(PKIFailureInfo.badRecipientNonce,
                    "recipNonce is not the senderNonce of the response that delivered the certificate");
        }
        List<CertificateStatus> statuses = confirmation.statuses();
        if (statuses.size() != 1 || !statuses.get(0).getCertRequestID().equals(pending.certReqId().getValue())) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "the certConf must confirm certReqId "
                    + pending.certReqId().getValue() + " and nothing else");
        }
        if (!hashMatches(statuses.get(0), pending.certificate())) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "certHash does not match the certificate issued");
        }
        PKIStatusInfo status = statuses.get(0).getStatusInfo();
        if (status != null && status.getStatus().intValue() == PKIStatus.REJECTION) {
            services.certificates().revoke(actor, pending.serial(), RevocationReason.CESSATION_OF_OPERATION);
        }
        return protection.respond(header, new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE), List.of(), List.of());
    }

    private PKIMessage revoke(Actor actor, CaKind kind, PKIHeader header, RequestBody.Revocation revocation) {
        BigInteger serial = revocation.serial();
        revocation.issuer().ifPresent(issuer -> requireIssuer(kind, issuer));
        int reason = revocation.reason();
        try {
            if (reason == CRLReason.certificateHold) {
                // The call centre may suspend any resident's certificate, though it may read none's history.
                requireKind(kind, serial, services.certificates().issuingCaForSuspension(actor, serial));
                services.certificates().suspend(actor, serial);
            } else {
                requireKind(actor, kind, serial);
                services.certificates().revoke(actor, serial, revocationReason(reason));
            }
        } catch (RefusedException refusal) {
            if (refusal.problem() == Problem.ILLEGAL_TRANSITION) {
                throw new CmpFailure(PKIFailureInfo.certRevoked, refusal.detail());
            }
            throw refusal;
        }
        return protection.respond(header, new PKIBody(PKIBody.TYPE_REVOCATION_REP,
                new RevRepContentBuilder().add(new PKIStatusInfo(PKIStatus.granted)).build()), List.of(), List.of());
    }

    /** genm: the CA certificates (id-it-caCerts, RFC 9483 §4.3.1); other info types are answered empty. */
    private PKIMessage general(CaKind kind, PKIHeader header, RequestBody.General general) {
        List<InfoTypeAndValue> answers = new ArrayList<>();
        for (ASN1ObjectIdentifier infoType : general.infoTypes()) {
            if (CMPObjectIdentifiers.id_it_caCerts.equals(infoType)) {
                answers.add(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts, new DERSequence(
                        authorities.all(kind).stream()
                                .map(generation -> new CMPCertificate(generation.authority().certificate().toASN1Structure()))
                                .toArray(CMPCertificate[]::new))));
            }
        }
        return protection.respond(header, new PKIBody(PKIBody.TYPE_GEN_REP,
                new GenRepContent(answers.toArray(InfoTypeAndValue[]::new))), List.of(), List.of());
    }

    private PKIMessage error(PKIHeader header, CmpFailure failure) {
        PKIStatusInfo status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(failure.text()),
                new PKIFailureInfo(failure.failInfo()));
        return protection.respond(header, new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(status)), List.of(),
                List.of());
    }

    /** The path names the CA; a kur or rr for a certificate of the other CA is sent to the wrong place. */
    private void requireKind(Actor actor, CaKind kind, BigInteger serial) {
        requireKind(kind, serial, services.certificates().history(actor, serial).certificate().caKind());
    }

    private static void requireKind(CaKind kind, BigInteger serial, CaKind actual) {
        if (actual != kind) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "certificate " + serial.toString(16) + " was issued by the "
                    + actual.pathName() + " CA; send this request to /.well-known/cmp/p/" + actual.pathName());
        }
    }

    private void requireIssuer(CaKind kind, X500Name issuer) {
        if (authorities.all(kind).stream()
                .noneMatch(generation -> generation.authority().certificate().getSubject().equals(issuer))) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "issuer " + issuer + " is not the " + kind.pathName() + " CA");
        }
    }

    private X509CertificateHolder issuingCa(CertificateRecord issued) {
        return authorities.all(issued.caKind()).stream()
                .filter(generation -> generation.number() == issued.caGeneration())
                .findFirst().orElseThrow().authority().certificate();
    }

    private static RevocationReason revocationReason(int code) {
        return Arrays.stream(RevocationReason.values())
                .filter(reason -> reason.code() == code && reason != RevocationReason.CERTIFICATE_HOLD)
                .findFirst()
                .orElseThrow(() -> CmpFailure.badRequest("revocation reason " + code + " is not accepted; use 0 "
                        + "unspecified, 1 keyCompromise, 3 affiliationChanged, 4 superseded, 5 cessationOfOperation, "
                        + "6 certificateHold (suspends) or 9 privilegeWithdrawn"));
    }

    private static boolean asksImplicitConfirm(PKIHeader header) {
        return header.getGeneralInfo() != null && Arrays.stream(header.getGeneralInfo())
                .anyMatch(item -> CMPObjectIdentifiers.it_implicitConfirm.equals(item.getInfoType()));
    }

    private static boolean hashMatches(CertificateStatus status, X509CertificateHolder certificate) {
        try {
            return status.isVerified(certificate, new BcDigestCalculatorProvider());
        } catch (CMPException | RuntimeException e) {
            return false;
        }
    }

    private static CmpFailure unexpected(RuntimeException e) {
        if (causedBy(e, KeySourceException.class)) {
            LOG.error("CMP: signing failed", e);
            return new CmpFailure(PKIFailureInfo.systemUnavail, "the signing key is unavailable; nothing was issued or changed");
        }
        if (causedBy(e, SQLException.class) || causedBy(e, DataAccessException.class)) {
            LOG.error("CMP: store failed", e);
            return new CmpFailure(PKIFailureInfo.systemUnavail, "the database is unavailable; nothing was changed");
        }
        LOG.error("CMP: unexpected failure", e);
        return new CmpFailure(PKIFailureInfo.systemFailure, "the request failed; nothing was changed");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new IllegalStateException("a stored certificate cannot be read", e);
        }
    }

    private static byte[] encode(PKIMessage message) {
        try {
            return message.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a CMP response", e);
        }
    }
}
