package jp.shomei.benchmarks.results;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * What one suite run left in its results directory: {@code machine.json} (the machine, the commit, the
 * command), {@code load-average.tsv} (piece, load average before, after, seconds taken), and figures: every other
 * {@code *.json} file is either JMH's JSON or figures per {@link ResultFile}. A file's area is its name up to
 * the first {@code -} ({@code ocsp-http.json}: ocsp); a {@code FILE.command} beside a file gives the command
 * of its figures that do not name their own.
 */
public record RunResults(JsonObject machine, List<PieceLoad> loadAverages, Map<String, List<Measured>> areas) {

    public static final String MACHINE = "machine.json";
    public static final String LOAD_AVERAGES = "load-average.tsv";

    /** The one-minute load average before and after one piece of the suite, and the seconds it took. */
    public record PieceLoad(String piece, String before, String after, String seconds) {
    }

    public static RunResults read(Path directory) throws IOException {
        Path machineFile = directory.resolve(MACHINE);
        JsonObject machine = Files.exists(machineFile)
                ? new JsonObject(Files.readString(machineFile, StandardCharsets.UTF_8)) : new JsonObject();
        List<PieceLoad> loads = new ArrayList<>();
        Path loadFile = directory.resolve(LOAD_AVERAGES);
        if (Files.exists(loadFile)) {
            for (String line : Files.readAllLines(loadFile, StandardCharsets.UTF_8)) {
                String[] columns = line.split("\t", -1);
                if (columns.length >= 3) {
                    // results of runs before durations were recorded have three columns
                    loads.add(new PieceLoad(columns[0], columns[1], columns[2], columns.length > 3 ? columns[3] : "—"));
                }
            }
        }
        Map<String, List<Measured>> areas = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().equals(MACHINE)).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String area = name.substring(0, name.length() - ".json".length()).split("-", 2)[0];
            areas.computeIfAbsent(area, key -> new ArrayList<>()).addAll(figuresOf(file));
        }
        return new RunResults(machine, List.copyOf(loads), resolveNamedBaselines(areas));
    }

    private static List<Measured> figuresOf(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return List.of();
        }
        Path commandFile = file.resolveSibling(file.getFileName() + ".command");
        Optional<String> command = Files.exists(commandFile)
                ? Optional.of(Files.readString(commandFile, StandardCharsets.UTF_8).strip()) : Optional.empty();
        List<Measured> measured = JmhFigures.isJmh(text) ? JmhFigures.parse(text)
                : ResultFile.parse(text).stream().map(figure -> new Measured(figure, OptionalDouble.empty())).toList();
        return measured.stream().map(m -> command.isEmpty() || m.figure().command().isPresent() ? m
                : new Measured(m.figure().withCommand(command.get()), m.errorMargin())).toList();
    }

    /** A baseline that names a figure of the run without a value takes that figure's value. */
    private static Map<String, List<Measured>> resolveNamedBaselines(Map<String, List<Measured>> areas) {
        Map<String, Double> values = new LinkedHashMap<>();
        areas.values().forEach(list -> list.forEach(m -> values.putIfAbsent(m.figure().name(), m.figure().value())));
        Map<String, List<Measured>> resolved = new LinkedHashMap<>();
        areas.forEach((area, list) -> resolved.put(area, list.stream().map(m -> {
            Optional<Figure.Baseline> baseline = m.figure().baseline();
            if (baseline.isEmpty() || baseline.get().value().isPresent() || !values.containsKey(baseline.get().name())) {
                return m;
            }
            return new Measured(m.figure().withBaseline(baseline.get().name(), values.get(baseline.get().name())),
                    m.errorMargin());
        }).toList()));
        return resolved;
    }
}
