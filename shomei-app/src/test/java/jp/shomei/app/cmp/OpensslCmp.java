package jp.shomei.app.cmp;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.OpenSsl;

/**
 * OpenSSL's CMP client ({@code openssl cmp}) against a running Shomei over TLS, signing its messages
 * with a municipality's client credential, as a municipal issuance system would.
 */
final class OpensslCmp {

    /** Whether the TLS connection presents the municipality's client certificate too. */
    enum Tls {
        WITH_CLIENT_CERTIFICATE, WITHOUT_CLIENT_CERTIFICATE
    }

    private OpensslCmp() {
    }

    /** {@code openssl cmp} to one CA's path, run in the server's scratch directory. */
    static OpenSsl.Outcome run(RunningShomei shomei, Tls tls, String ca, String municipality, String... args) {
        LocalCredentials.Credential client = shomei.server.credentials().client(municipality);
        URI url = URI.create(shomei.server.municipalUrl());
        List<String> command = new ArrayList<>(List.of("cmp",
                "-server", url.getHost() + ":" + url.getPort(), "-path", "/.well-known/cmp/p/" + ca,
                "-tls_used", "-tls_trusted", shomei.operationsCa().toString()));
        if (tls == Tls.WITH_CLIENT_CERTIFICATE) {
            command.addAll(List.of("-tls_cert", client.certificate().toString(), "-tls_key", client.privateKey().toString()));
        }
        command.addAll(List.of("-trusted", shomei.operationsCa().toString(),
                "-cert", client.certificate().toString(), "-key", client.privateKey().toString()));
        command.addAll(List.of(args));
        return OpenSsl.run(shomei.work, command.toArray(String[]::new));
    }

    /** Everything openssl printed; it reports a server's refusal on either stream. */
    static String said(OpenSsl.Outcome outcome) {
        return outcome.output() + outcome.errors();
    }
}
