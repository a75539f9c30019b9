package jp.shomei.crl.publication;

import java.io.IOException;
import java.io.OutputStream;
import jp.shomei.crl.encoding.CrlSize;

/** Writes a whole signed CRL to the stream it is given. */
@FunctionalInterface
public interface CrlContent {
    CrlSize writeTo(OutputStream out) throws IOException;
}
