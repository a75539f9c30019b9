package jp.shomei.ca.api;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import jp.shomei.ca.Problem;

/**
 * Requests the HTTP decoder could not read: a request line or headers over Vert.x's limits (4,096 and
 * 8,192 bytes), or bytes that are not HTTP. Vert.x answers them with a bare status; they get a problem
 * body like every other refusal instead, and the connection is closed after it, since what follows on
 * it cannot be framed. The path is not known, so the problem names none.
 */
public final class InvalidRequests {

    private InvalidRequests() {
    }

    public static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Problem problem;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            problem = Problem.URI_TOO_LONG;
            detail = "the request line is longer than 4,096 bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = Problem.HEADERS_TOO_LARGE;
            detail = "the request headers are larger than 8,192 bytes";
        } else {
            problem = Problem.MALFORMED_REQUEST;
            detail = "the request is not well-formed HTTP/1.1";
        }
        request.response()
                .setStatusCode(problem.httpStatus())
                .putHeader("Content-Type", Problems.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .putHeader("Connection", "close")
                .end(Problems.body(problem, detail, "").encode())
                .onComplete(sent -> request.connection().close());
    }
}
