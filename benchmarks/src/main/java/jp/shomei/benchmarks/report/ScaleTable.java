package jp.shomei.benchmarks.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.Measured;
import jp.shomei.benchmarks.results.RunResults;

/**
 * The scale table: what {@code population-scale.sh} measured on populations of several sizes, one column per
 * size, and a column extrapolated to a national 200 million certificates. The columns are the suite run's own
 * small population and the large ones kept under {@code benchmarks/scale/}, each generated once over hours and
 * measured by the same script; a figure's {@code requests} is the number of certificates it was measured on.
 */
final class ScaleTable {

    static final long NATIONAL = 200_000_000L;

    private static final String AREA = "population";
    private static final String NONE = "—";

    /** How a row reaches 200 million certificates from what was measured. */
    private enum Extrapolation {
        /** A time: a straight line through the two largest populations, a fixed part plus a cost per certificate. */
        LINE,
        /** A size: the largest population's figure per certificate, times 200 million. */
        PER_CERTIFICATE,
        /** Not a cost that grows with the population, or not measured on it. */
        NOT
    }

    private record Row(String label, String figure, Function<Figure, String> cell, Extrapolation extrapolation) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("start to `shomei ready`", "population-server-start", ScaleTable::seconds, Extrapolation.LINE),
            new Row("of it, the OCSP responder's status load", "population-ocsp-status-load", ScaleTable::seconds,
                    Extrapolation.LINE),
            new Row("first full CRL round published, from launch", "population-first-full-crl-round",
                    ScaleTable::seconds, Extrapolation.LINE),
            new Row("H2 file as the generator left it, per certificate", "population-h2-bytes-per-certificate",
                    ScaleTable::bytes, Extrapolation.NOT),
            new Row("H2 file after `shomei store compact`, per certificate",
                    "population-h2-compacted-bytes-per-certificate", ScaleTable::bytes, Extrapolation.PER_CERTIFICATE),
            new Row("PostgreSQL tables and indexes, per certificate", "population-postgresql-bytes-per-certificate",
                    ScaleTable::bytesOwnPopulation, Extrapolation.PER_CERTIFICATE),
            new Row("server heap after a full GC just after start, per certificate",
                    "population-heap-per-certificate", ScaleTable::bytes, Extrapolation.NOT),
            new Row("server heap after a full GC after the OCSP load, per certificate",
                    "population-heap-per-certificate-after-ocsp", ScaleTable::bytes, Extrapolation.PER_CERTIFICATE),
            new Row("OCSP POST for random stored serials (baseline: `/health` of the same server)",
                    "population-ocsp-random-serials", ScaleTable::againstBaseline, Extrapolation.NOT),
            new Row("audit entries per certificate, chain intact", "population-audit-entries-per-certificate",
                    f -> BenchmarksReport.number(f.value()), Extrapolation.NOT),
            new Row("generation on 2 workers (baseline: 1 worker, same run)", "population-generation-2-workers",
                    ScaleTable::againstBaseline, Extrapolation.NOT));

    /** One measured population: its figures by name, the certificates they were measured on, where it came from. */
    record Population(long certificates, Map<String, Figure> figures, String source) {
    }

    private ScaleTable() {
    }

    /** The populations of the suite run and of the kept runs, smallest first; runs without one are left out. */
    static List<Population> populations(RunResults run, List<RunResults> kept) {
        List<Population> populations = new ArrayList<>();
        population(run, "the suite run above").ifPresent(populations::add);
        kept.forEach(k -> population(k, describe(k.machine())).ifPresent(populations::add));
        populations.sort(Comparator.comparingLong(Population::certificates));
        return populations;
    }

    static String render(List<Population> populations) {
        if (populations.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n### Scale table\n\n");
        List<String> header = new ArrayList<>(List.of("measure"));
        populations.forEach(p -> header.add(count(p.certificates()) + " certificates"));
        header.add(count(NATIONAL) + " (extrapolated)");
        out.append(BenchmarksReport.row(header)).append(BenchmarksReport.row(header.stream().map(h -> "---").toList()));
        for (Row row : ROWS) {
            if (populations.stream().noneMatch(p -> p.figures().containsKey(row.figure()))) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(row.label()));
            populations.forEach(p -> cells.add(Optional.ofNullable(p.figures().get(row.figure())).map(row.cell())
                    .orElse(NONE)));
            cells.add(extrapolate(row, populations));
            out.append(BenchmarksReport.row(cells));
        }
        out.append("\nExtrapolated: a time as the straight line through the two largest populations that measured it "
                + "(a fixed part plus a cost per certificate); a size or heap as the largest population's figure per "
                + "certificate times 200 million (heap after the OCSP load: the status book and caches, an upper bound "
                + "since the caches are capped). Not extrapolated: the file as the generator left it (it depends on "
                + "how the file was written), the heap just after start (H2's page cache, filled by the status load "
                + "and the first CRL round, is capped), OCSP (a hash lookup and a pre-signed or freshly signed response: the "
                + "same work at any size), the audit chain and the generation rate.\n\n");
        populations.forEach(p -> out.append("- ").append(count(p.certificates())).append(" certificates: ")
                .append(p.source()).append("\n"));
        return out.toString();
    }

    static String extrapolate(Row row, List<Population> populations) {
        List<Population> measured = populations.stream().filter(p -> p.figures().containsKey(row.figure())).toList();
        if (row.extrapolation() == Extrapolation.NOT || measured.isEmpty()) {
            return NONE;
        }
        Population largest = measured.get(measured.size() - 1);
        double value = largest.figures().get(row.figure()).value();
        if (row.extrapolation() == Extrapolation.PER_CERTIFICATE) {
            return gigabytes(value * NATIONAL);
        }
        double perCertificate = value / largest.certificates();
        Population next = measured.size() > 1 ? measured.get(measured.size() - 2) : largest;
        // Two populations of one size (a size measured twice) give no line: fall back to the cost per certificate.
        if (next.certificates() < largest.certificates()) {
            double slope = (value - next.figures().get(row.figure()).value())
                    / (largest.certificates() - next.certificates());
            if (slope > 0) {
                perCertificate = slope;
            }
        }
        return duration((value + perCertificate * (NATIONAL - largest.certificates())) / 1000);
    }

    private static Optional<Population> population(RunResults run, String source) {
        List<Measured> figures = run.areas().getOrDefault(AREA, List.of());
        Map<String, Figure> byName = new LinkedHashMap<>();
        figures.forEach(m -> byName.put(m.figure().name(), m.figure()));
        return Optional.ofNullable(byName.get("population-server-start"))
                .flatMap(start -> start.requests().stream().boxed().findFirst())
                .map(certificates -> new Population(certificates, byName, source));
    }

    private static String describe(JsonObject machine) {
        return "`" + machine.getString("command", "unknown command") + "`, " + machine.getString("started", "?")
                + " to " + machine.getString("finished", "?") + ", commit " + machine.getString("commit", "?")
                + ", load average " + machine.getString("loadAverage", "?");
    }

    private static String seconds(Figure figure) {
        return BenchmarksReport.number(figure.value() / 1000) + " s";
    }

    private static String bytes(Figure figure) {
        return BenchmarksReport.number(figure.value()) + " B";
    }

    /** PostgreSQL's population is generated by the script apart from the H2 one, usually smaller. */
    private static String bytesOwnPopulation(Figure figure) {
        return bytes(figure) + figure.requests().stream().mapToObj(n -> " (of " + count(n) + ")").findFirst().orElse("");
    }

    private static String againstBaseline(Figure figure) {
        StringBuilder cell = new StringBuilder(BenchmarksReport.number(figure.value())).append(" ").append(figure.unit());
        OptionalDouble ratio = BenchmarksReport.ratio(figure);
        if (ratio.isPresent()) {
            cell.append(", ").append(BenchmarksReport.number(ratio.getAsDouble())).append(" × baseline");
        }
        figure.latencyMs().map(l -> l.get("p99")).filter(OptionalDouble::isPresent).ifPresent(p99 -> cell
                .append(", p99 ").append(BenchmarksReport.number(p99.getAsDouble())).append(" ms"));
        return cell.toString();
    }

    private static String gigabytes(double bytes) {
        return BenchmarksReport.number(bytes / 1e9) + " GB";
    }

    private static String duration(double seconds) {
        return seconds < 120 ? BenchmarksReport.number(seconds) + " s"
                : seconds < 7200 ? BenchmarksReport.number(seconds / 60) + " min"
                : BenchmarksReport.number(seconds / 3600) + " h";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
