package jp.shomei.benchmarks.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.function.Consumer;

/**
 * One HTTP exchange for the driver: method, path, optional body, the status a correct answer has,
 * and what to do with the body of a correct answer (the soak keeps serials it is given).
 */
public record LoadRequest(HttpMethod method, String uri, String contentType, Buffer body, int expectedStatus,
                          Consumer<Buffer> onSuccess) {

    public static LoadRequest get(String uri, int expectedStatus) {
        return new LoadRequest(HttpMethod.GET, uri, null, null, expectedStatus, body -> { });
    }

    public static LoadRequest post(String uri, String contentType, Buffer body, int expectedStatus) {
        return new LoadRequest(HttpMethod.POST, uri, contentType, body, expectedStatus, answer -> { });
    }

    public LoadRequest then(Consumer<Buffer> onCorrectAnswer) {
        return new LoadRequest(method, uri, contentType, body, expectedStatus, onCorrectAnswer);
    }
}
