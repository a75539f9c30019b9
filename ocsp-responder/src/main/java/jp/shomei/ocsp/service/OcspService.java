package jp.shomei.ocsp.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ocsp.issuer.ServedIssuer;
import jp.shomei.ocsp.issuer.ServedIssuers;
import jp.shomei.ocsp.presigned.PresignedResponses;
import jp.shomei.ocsp.request.OcspQuestion;
import jp.shomei.ocsp.request.OcspRefusal;
import jp.shomei.ocsp.request.OcspRequestReader;
import jp.shomei.ocsp.response.OcspErrorResponses;
import jp.shomei.ocsp.response.ResponseSigner;
import jp.shomei.ocsp.response.SignedResponse;
import jp.shomei.ocsp.status.StatusBook;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one OCSP request for one CA, independent of HTTP: from a pre-signed response when the
 * request allows it (on the calling event-loop thread), otherwise by signing on a worker thread.
 * Every outcome is an OCSP response; faults become internalError, never an exception.
 */
public final class OcspService {

    private static final Logger LOG = LoggerFactory.getLogger(OcspService.class);

    /** The encoded response, and the signed response behind it when HTTP caches may keep it. */
    public record Reply(byte[] der, Optional<SignedResponse> cacheable) {
    }

    private final Vertx vertx;
    private final OcspRequestReader reader;
    private final ServedIssuers issuers;
    private final StatusBook book;
    private final PresignedResponses presigned;
    private final ResponseSigner signer;
    private final MeterRegistry meters;
    private final Map<CaKind, Map<String, Counter>> outcomes = new java.util.EnumMap<>(CaKind.class);
    /**
     * The pre-signed response each GET URL asked for, so a repeated GET (RFC 5019's hot path) finds its
     * response without decoding or parsing: the same URL always decodes to the same question.
     */
    private final Map<String, PresignedResponses.Key> keysByGetPath = new ConcurrentHashMap<>();
    private final int getPathCapacity;

    public OcspService(Vertx vertx, OcspRequestReader reader, ServedIssuers issuers, StatusBook book,
                       PresignedResponses presigned, ResponseSigner signer, MeterRegistry meters, int getPathCapacity) {
        this.vertx = vertx;
        this.reader = reader;
        this.issuers = issuers;
        this.book = book;
        this.presigned = presigned;
        this.signer = signer;
        this.meters = meters;
        this.getPathCapacity = getPathCapacity;
        for (CaKind kind : CaKind.values()) {
            outcomes.put(kind, new ConcurrentHashMap<>());
        }
    }

    /**
     * The pre-signed response a GET for this URL path was last answered with, if still held: found
     * without decoding or parsing anything. {@code encodedPath} must include the CA's path segment.
     */
    public Optional<Reply> heldForGet(CaKind ca, String encodedPath) {
        PresignedResponses.Key known = keysByGetPath.get(encodedPath);
        if (known == null) {
            return Optional.empty();
        }
        Optional<SignedResponse> held = presigned.find(known);
        held.ifPresent(response -> count(ca, "presigned"));
        return held.map(response -> new Reply(response.der(), held));
    }

    /** Answers a GET's decoded request, remembering its URL path if the answer can be held. */
    public Future<Reply> answerGet(CaKind ca, String encodedPath, byte[] request) {
        return answer(ca, request, key -> {
            if (keysByGetPath.size() < getPathCapacity) {
                keysByGetPath.put(encodedPath, key);
            }
        });
    }

    public Future<Reply> answer(CaKind ca, byte[] request) {
        return answer(ca, request, key -> { });
    }

    private Future<Reply> answer(CaKind ca, byte[] request, Consumer<PresignedResponses.Key> presignable) {
        try {
            OcspQuestion question = reader.read(request);
            ServedIssuer issuer = issuerOf(ca, question);
            if (question.isPresignable()) {
                CertificateID id = question.certificates().get(0);
                PresignedResponses.Key key = PresignedResponses.Key.of(issuer, id);
                presignable.accept(key);
                Optional<SignedResponse> held = presigned.find(key);
                if (held.isPresent()) {
                    count(ca, "presigned");
                    return Future.succeededFuture(new Reply(held.get().der(), held));
                }
                return vertx.executeBlocking(() -> presigned.signForRequest(key, id), false)
                        .map(response -> {
                            count(ca, "signed");
                            return new Reply(response.der(), Optional.of(response));
                        })
                        .otherwise(failure -> internalError(ca, failure));
            }
            List<ResponseSigner.Answer> answers = new ArrayList<>();
            for (CertificateID id : question.certificates()) {
                answers.add(new ResponseSigner.Answer(id, book.find(issuer, id.getSerialNumber())));
            }
            return vertx.executeBlocking(() -> signer.sign(issuer, answers, question.nonce()), false)
                    .map(response -> {
                        count(ca, question.nonce().isPresent() ? "nonce" : "signed");
                        return new Reply(response.der(), Optional.empty());
                    })
                    .otherwise(failure -> internalError(ca, failure));
        } catch (OcspRefusal refusal) {
            LOG.debug("OCSP request for the {} CA refused: {}", ca.pathName(), refusal.getMessage());
            count(ca, OcspStatusNames.of(refusal.ocspStatus()));
            return Future.succeededFuture(new Reply(OcspErrorResponses.of(refusal.ocspStatus()), Optional.empty()));
        } catch (RuntimeException e) {
            return Future.succeededFuture(internalError(ca, e));
        }
    }

    /**
     * The one CA generation every CertID names. One response carries one signature by one generation's
     * signer, so a request mixing issuers, or naming one this URL does not serve, is unauthorized.
     */
    private ServedIssuer issuerOf(CaKind ca, OcspQuestion question) {
        ServedIssuer common = null;
        for (CertificateID id : question.certificates()) {
            ServedIssuer issuer = issuers.find(id).filter(found -> found.kind() == ca).orElseThrow(() ->
                    new OcspRefusal(OCSPResp.UNAUTHORIZED, "a CertID names an issuer the " + ca.pathName()
                            + " responder does not serve"));
            if (common != null && !common.equals(issuer)) {
                throw new OcspRefusal(OCSPResp.UNAUTHORIZED, "the CertIDs name more than one CA generation");
            }
            common = issuer;
        }
        return common;
    }

    private Reply internalError(CaKind ca, Throwable failure) {
        LOG.error("OCSP request for the {} CA failed", ca.pathName(), failure);
        count(ca, OcspStatusNames.of(OCSPResp.INTERNAL_ERROR));
        return new Reply(OcspErrorResponses.of(OCSPResp.INTERNAL_ERROR), Optional.empty());
    }

    private void count(CaKind ca, String outcome) {
        outcomes.get(ca).computeIfAbsent(outcome, name -> Counter.builder("shomei.ocsp.responses")
                .description("OCSP responses by CA and outcome (presigned, signed, nonce, or an error status)")
                .tag("ca", ca.pathName()).tag("outcome", outcome).register(meters)).increment();
    }
}
