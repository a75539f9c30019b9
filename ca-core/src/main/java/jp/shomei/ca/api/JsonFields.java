package jp.shomei.ca.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;

/**
 * Reads a JSON request body strictly: unknown members, missing members and members of the wrong type
 * are each refused with a message naming the member, so a typo never passes silently.
 */
public final class JsonFields {

    private final JsonObject json;

    private JsonFields(JsonObject json) {
        this.json = json;
    }

    public static JsonFields parse(Buffer body, Set<String> allowed) {
        if (body == null || body.length() == 0) {
            throw new RefusedException(Problem.MALFORMED_REQUEST, "request body must be a JSON object");
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new RefusedException(Problem.MALFORMED_REQUEST, "request body is not a JSON object");
        }
        return checked(json, allowed);
    }

    private static JsonFields checked(JsonObject json, Set<String> allowed) {
        for (String name : json.fieldNames()) {
            if (!allowed.contains(name)) {
                throw new RefusedException(Problem.INVALID_FIELD, "unknown member '" + abbreviate(name)
                        + "'; allowed members are " + allowed.stream().sorted().toList());
            }
        }
        return new JsonFields(json);
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> invalid(name, "is required"));
    }

    public Optional<String> optionalString(String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(name, "must be a string");
        }
        return Optional.of(text);
    }

    public LocalDate requiredDate(String name) {
        return optionalDate(name).orElseThrow(() -> invalid(name, "is required"));
    }

    public Optional<LocalDate> optionalDate(String name) {
        return optionalString(name).map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(name, "must be a date like 2031-05-10, got '" + abbreviate(text) + "'");
            }
        });
    }

    public boolean optionalBoolean(String name, boolean defaultValue) {
        Object value = json.getValue(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(name, "must be true or false");
        }
        return flag;
    }

    public Optional<Instant> optionalInstant(String name) {
        return optionalString(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(name, "must be an instant like 2027-04-01T00:00:00Z, got '" + abbreviate(text) + "'");
            }
        });
    }

    public byte[] requiredBase64(String name) {
        String text = requiredString(name);
        try {
            return java.util.Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be base64");
        }
    }

    /** The raw value of a member, for arrays and other shapes the caller checks itself. */
    public Object value(String name) {
        return json.getValue(name);
    }

    public int requiredInteger(String name) {
        Object value = json.getValue(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        if (!(value instanceof Integer number)) {
            throw invalid(name, "must be a whole number");
        }
        return number;
    }

    /** An optional array of JSON objects, each read as strictly as a body with the given members. */
    public java.util.List<JsonFields> optionalObjects(String name, Set<String> allowed) {
        Object value = json.getValue(name);
        if (value == null) {
            return java.util.List.of();
        }
        if (!(value instanceof io.vertx.core.json.JsonArray array)) {
            throw invalid(name, "must be an array of objects");
        }
        java.util.List<JsonFields> objects = new java.util.ArrayList<>();
        for (Object element : array) {
            if (!(element instanceof JsonObject object)) {
                throw invalid(name, "must be an array of objects");
            }
            objects.add(checked(object, allowed));
        }
        return objects;
    }

    public static RefusedException invalid(String name, String problem) {
        return new RefusedException(Problem.INVALID_FIELD, "'" + name + "' " + problem);
    }

    public static String abbreviate(String text) {
        return text.length() > 48 ? text.substring(0, 48) + "…" : text;
    }
}
