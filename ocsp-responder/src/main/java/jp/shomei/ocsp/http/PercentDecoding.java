package jp.shomei.ocsp.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict RFC 3986 percent-decoding: '+' stays '+', as base64 needs. */
final class PercentDecoding {

    private PercentDecoding() {
    }

    static Optional<String> decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                out.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                return Optional.empty();
            } else {
                out.write(c);
            }
        }
        return Optional.of(out.toString(StandardCharsets.US_ASCII));
    }
}
