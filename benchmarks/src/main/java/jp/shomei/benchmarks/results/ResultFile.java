package jp.shomei.benchmarks.results;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A file of figures in a results directory: one JSON object per figure, one per line (a single object or an
 * array of them reads as well). Programs write one when the system property {@code shomei.bench.results}
 * names a file; {@code benchmarks/scripts/suite.sh} sets it.
 */
public final class ResultFile {

    public static final String PROPERTY = "shomei.bench.results";

    private ResultFile() {
    }

    /** Writes the figures to the file named by {@value #PROPERTY}, if it is set; the command is this JVM's. */
    public static void writeIfRequested(Class<?> program, String[] args, List<Figure> figures) {
        Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).ifPresent(file -> write(file, figures.stream()
                .map(figure -> figure.command().isPresent() ? figure : figure.withCommand(commandOf(program, args)))
                .toList()));
    }

    public static void write(Path file, List<Figure> figures) {
        try {
            Files.writeString(file, figures.stream().map(f -> f.toJson().encode() + "\n").collect(Collectors.joining()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures of a file's text: one object, an array of objects, or one object per line. */
    public static List<Figure> parse(String text) {
        String json = text.strip();
        List<Figure> figures = new ArrayList<>();
        if (json.startsWith("[")) {
            new JsonArray(json).forEach(element -> figures.add(Figure.fromJson((JsonObject) element)));
        } else if (json.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("{") && line.strip().endsWith("}"))) {
            json.lines().filter(line -> !line.isBlank()).forEach(line -> figures.add(Figure.fromJson(new JsonObject(line))));
        } else {
            figures.add(Figure.fromJson(new JsonObject(json)));
        }
        return figures;
    }

    private static String commandOf(Class<?> program, String[] args) {
        return "java -cp \"benchmarks/target/benchmarks.jar:benchmarks/target/lib/*\" " + program.getName() + " "
                + String.join(" ", args);
    }
}
