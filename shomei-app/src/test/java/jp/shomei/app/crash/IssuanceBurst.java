package jp.shomei.app.crash;

import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;

/**
 * Client threads registering residents, enrolling signing certificates and revoking, suspending or
 * resuming them through the municipal API as fast as the server answers, until the server goes away
 * (the first failed connection ends a thread) or a bounded number of operations is done.
 */
final class IssuanceBurst {

    private static final int OPERATIONS_PER_THREAD = 400;

    private final MunicipalClient client;
    private final ClientLedger ledger;
    private final AtomicLong residentCodes;
    private final AtomicInteger acknowledgements = new AtomicInteger();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    IssuanceBurst(MunicipalClient client, ClientLedger ledger, AtomicLong residentCodes) {
        this.client = client;
        this.ledger = ledger;
        this.residentCodes = residentCodes;
    }

    IssuanceBurst start(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::run, "burst-" + i);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Acknowledged answers (2xx) so far in this burst. */
    int acknowledgements() {
        return acknowledgements.get();
    }

    /** Answers that were neither the expected success nor a lost connection. */
    List<String> unexpectedAnswers() {
        return List.copyOf(unexpected);
    }

    void awaitEnd() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    private void run() {
        try {
            for (int operation = 0; operation < OPERATIONS_PER_THREAD; operation++) {
                String resident = Long.toString(residentCodes.incrementAndGet());
                if (!expect(client.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda()), 201)) {
                    return;
                }
                MunicipalClient.Response issued = client.post("/v1/residents/" + resident + "/certificates",
                        ApiBodies.enrollment("sign", Csrs.rsa2048()));
                if (!expect(issued, 201)) {
                    return;
                }
                BigInteger serial = new BigInteger(issued.json().getString("serial"), 16);
                ledger.issued(serial, der(issued.json().getString("certificate")));
                changeStatus(serial);
            }
        } catch (UncheckedIOException serverGone) {
            // The kill: whatever was in flight stays unknown to this client.
        } catch (AssertionError badAnswer) {
            unexpected.add(badAnswer.getMessage());
        }
    }

    private void changeStatus(BigInteger serial) {
        int dice = ThreadLocalRandom.current().nextInt(10);
        if (dice < 3) {
            change(serial, "revoke", new JsonObject().put("reason", "keyCompromise"),
                    new ClientLedger.Status("REVOKED", "KEY_COMPROMISE"));
        } else if (dice < 6) {
            if (change(serial, "suspend", new JsonObject(), new ClientLedger.Status("ON_HOLD", "CERTIFICATE_HOLD"))
                    && dice == 5) {
                change(serial, "resume", new JsonObject(), ClientLedger.Status.GOOD);
            }
        }
    }

    private boolean change(BigInteger serial, String action, JsonObject body, ClientLedger.Status after) {
        ledger.sending(serial, after);
        MunicipalClient.Response answer = client.post("/v1/certificates/" + serial.toString(16) + "/" + action, body);
        if (!expect(answer, 200)) {
            return false;
        }
        ledger.acknowledged(serial, after);
        return true;
    }

    private boolean expect(MunicipalClient.Response response, int status) {
        if (response.status() != status) {
            unexpected.add(response.status() + " " + response.body());
            return false;
        }
        acknowledgements.incrementAndGet();
        return true;
    }

    private static byte[] der(String certificate) {
        return Base64.getMimeDecoder().decode(certificate.replaceAll("-----[A-Z ]+-----", ""));
    }
}
