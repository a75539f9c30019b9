package jp.shomei.benchmarks.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --option value} pairs of a benchmark's command line; an unknown option is refused with the known ones. */
public final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final String[] raw;

    public Arguments(String[] args, Set<String> known) {
        this.raw = args.clone();
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !known.contains(option) || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --option value pairs, options " + known + "; got " + args[i]);
            }
            values.put(option, args[i + 1]);
        }
    }

    public String text(String option, String otherwise) {
        return values.getOrDefault(option, otherwise);
    }

    public String required(String option) {
        String value = values.get(option);
        if (value == null) {
            throw new IllegalArgumentException("--" + option + " is required");
        }
        return value;
    }

    public double number(String option, double otherwise) {
        return values.containsKey(option) ? Double.parseDouble(values.get(option)) : otherwise;
    }

    public boolean has(String option) {
        return values.containsKey(option);
    }

    /** The command line as the results file records it, with the classpath left out. */
    public String command(Class<?> program) {
        return "java -cp \"benchmarks/target/benchmarks.jar:benchmarks/target/lib/*\" " + program.getName() + " "
                + String.join(" ", raw);
    }
}
