package jp.shomei.app.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.shomei.app.client.ApiProblemException;
import jp.shomei.app.client.MunicipalClient;
import jp.shomei.app.client.ServiceUnreachableException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code shomei client} subcommand does: connect as the municipality, make one request and
 * print the answer as JSON on stdout. Notes for people (what was revoked, where a file went) go to
 * stderr so that stdout stays JSON a script can read.
 */
abstract class MunicipalRequestCommand implements Callable<Integer> {

    static final int REFUSED = 1;
    static final int UNREACHABLE = 2;

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (MunicipalClient municipal = client.connect()) {
            JsonObject answer = request(municipal);
            PrintWriter out = spec.commandLine().getOut();
            out.println(answer.encodePrettily());
            out.flush();
            return 0;
        } catch (ApiProblemException refusal) {
            return fail(refusal.getMessage(), REFUSED);
        } catch (ServiceUnreachableException unreachable) {
            return fail(unreachable.getMessage(), UNREACHABLE);
        }
    }

    /** Sends this command's request and returns the answer to print. */
    abstract JsonObject request(MunicipalClient municipal);

    /** Tells the user, on stderr, about a change or side effect the JSON answer records. */
    void note(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(message);
        err.flush();
    }

    /** One note per certificate a register change or death report revoked. */
    void noteRevoked(JsonArray revokedCertificates) {
        for (Object entry : revokedCertificates) {
            JsonObject certificate = (JsonObject) entry;
            note("revoked " + certificate.getString("ca") + " certificate " + certificate.getString("serial")
                    + " (" + certificate.getString("revocationReason") + ")");
        }
    }

    static String readCertificationRequest(Path file) {
        try {
            // Latin-1 decodes any bytes, so a DER or garbled file reaches the service, which says what is wrong.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the certification request " + file + ": " + reason(e));
        }
    }

    /** Writes the PEM of a certificate answer to {@code file} and says so. */
    void writeCertificate(JsonObject certificate, Path file) {
        try {
            Files.writeString(file, certificate.getString("certificate"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("certificate " + certificate.getString("serial")
                    + " was issued but cannot be written to " + file + ": " + reason(e)
                    + "; ./shomei client show " + certificate.getString("serial") + " prints it again");
        }
        note("wrote " + certificate.getString("ca") + " certificate " + certificate.getString("serial") + " to " + file);
    }

    private int fail(String message, int exitCode) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("shomei: " + message);
        err.flush();
        return exitCode;
    }

    // NoSuchFileException and AccessDeniedException carry only the path as their message.
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
