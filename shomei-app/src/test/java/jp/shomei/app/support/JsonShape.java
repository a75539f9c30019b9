package jp.shomei.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Compares an answer with an example response kept in the test resources: the same members, each of
 * the same JSON type, recursively (every array element against the example's first). Values are not
 * compared; the specifications check those they mean.
 */
public final class JsonShape {

    private JsonShape() {
    }

    public static JsonObject example(String resource) {
        try (InputStream in = JsonShape.class.getResourceAsStream(resource)) {
            assertThat(in).as("example response %s", resource).isNotNull();
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertSameShape(JsonObject actual, String exampleResource) {
        assertObject(actual, example(exampleResource), "$");
    }

    private static void assertObject(JsonObject actual, JsonObject example, String where) {
        assertThat(actual.fieldNames()).as("members of %s", where).containsExactlyInAnyOrderElementsOf(example.fieldNames());
        for (String name : example.fieldNames()) {
            assertValue(actual.getValue(name), example.getValue(name), where + "." + name);
        }
    }

    private static void assertValue(Object actual, Object example, String where) {
        assertThat(type(actual)).as("JSON type of %s", where).isEqualTo(type(example));
        if (example instanceof JsonObject object) {
            assertObject((JsonObject) actual, object, where);
        } else if (example instanceof JsonArray array && !array.isEmpty()) {
            JsonArray elements = (JsonArray) actual;
            for (int i = 0; i < elements.size(); i++) {
                assertValue(elements.getValue(i), array.getValue(0), where + "[" + i + "]");
            }
        }
    }

    private static String type(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonObject) {
            return "object";
        }
        if (value instanceof JsonArray) {
            return "array";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }
}
