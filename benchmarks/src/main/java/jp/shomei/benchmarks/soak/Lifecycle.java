package jp.shomei.benchmarks.soak;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import jp.shomei.benchmarks.cardkeys.CardKeys;
import jp.shomei.benchmarks.load.LoadRequest;

/**
 * The municipal API requests of the soak, as one municipality (Chiyoda-ku), and the residents and
 * certificates they pass between them: registration adds residents without a certificate; issuance
 * takes one and gives a live certificate; renewal takes a live certificate and gives its successor;
 * revocation takes a live certificate and gives its resident back. Each resident or serial is held
 * by at most one request at a time, so no request is refused for a conflict of the soak's own
 * making; a request with nothing to act on is skipped, and counted so. Cards expire in 60 days, so that every certificate may be renewed at once (renewal opens
 * three months before notAfter). Called from several event loops at once, hence the concurrent queues.
 */
final class Lifecycle {

    static final String MUNICIPALITY = "131016";
    private static final String JSON = "application/json";

    private final Queue<String> withoutCertificate = new ConcurrentLinkedQueue<>();
    private final Queue<Live> live = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextResident;
    private final BlockingQueue<String> certificationRequests = new ArrayBlockingQueue<>(256);
    private final String cardExpiresOn = LocalDate.now().plusDays(60).toString();

    /** A good certificate and its holder. */
    record Live(String serial, String residentCode, String pem) {
    }

    Lifecycle() {
        // Eleven digits, a fresh range per run of a few minutes' resolution, room for 100,000 residents.
        nextResident = new AtomicLong(30_000_000_000L + System.currentTimeMillis() / 60_000 % 100_000 * 100_000);
        // Card keys and their requests are made ahead on a thread of their own: never on an event loop.
        Thread maker = new Thread(() -> {
            CardKeys cardKeys = new CardKeys(new SecureRandom());
            try {
                while (true) {
                    certificationRequests.put(cardKeys.nextCertificationRequest());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "card-keys");
        maker.setDaemon(true);
        maker.start();
    }

    int withoutCertificate() {
        return withoutCertificate.size();
    }

    int live() {
        return live.size();
    }

    /** Takes a live certificate out of the cycle for good (the soak validates and asks OCSP about these). */
    Live keep() {
        return live.poll();
    }

    LoadRequest register() {
        String resident = Long.toString(nextResident.getAndIncrement());
        JsonObject record = new JsonObject().put("municipalityCode", MUNICIPALITY).put("name", "山田　太郎")
                .put("dateOfBirth", "1990-05-10").put("sex", "male").put("address", "東京都千代田区千代田１－１");
        return new LoadRequest(HttpMethod.PUT, "/v1/residents/" + resident, JSON, record.toBuffer(), 201,
                answer -> withoutCertificate.add(resident));
    }

    LoadRequest issue() {
        String csr = certificationRequests.poll();
        String resident = csr == null ? null : withoutCertificate.poll();
        if (resident == null) {
            return null;
        }
        JsonObject body = new JsonObject().put("ca", "sign").put("csr", csr)
                .put("cardExpiresOn", cardExpiresOn);
        return LoadRequest.post("/v1/residents/" + resident + "/certificates", JSON, body.toBuffer(), 201)
                .then(answer -> live.add(live(answer.toJsonObject())));
    }

    LoadRequest renew() {
        String csr = certificationRequests.poll();
        Live certificate = csr == null ? null : live.poll();
        if (certificate == null) {
            return null;
        }
        Buffer body = new JsonObject().put("csr", csr).toBuffer();
        return LoadRequest.post("/v1/certificates/" + certificate.serial() + "/renew", JSON, body, 201)
                .then(answer -> live.add(live(answer.toJsonObject().getJsonObject("successor"))));
    }

    LoadRequest revoke() {
        Live certificate = live.poll();
        if (certificate == null) {
            return null;
        }
        Buffer body = new JsonObject().put("reason", "keyCompromise").toBuffer();
        return LoadRequest.post("/v1/certificates/" + certificate.serial() + "/revoke", JSON, body, 200)
                .then(answer -> withoutCertificate.add(certificate.residentCode()));
    }

    private static Live live(JsonObject certificate) {
        return new Live(certificate.getString("serial"), certificate.getString("residentCode"),
                certificate.getString("certificate"));
    }
}
