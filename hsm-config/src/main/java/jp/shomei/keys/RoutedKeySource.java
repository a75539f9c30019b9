package jp.shomei.keys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several key sources seen as one: the keys named in the routes live under another label in
 * another source (a CA key on a token and partition of its own), every other key in the default
 * source. Callers keep asking for the names they always used (the store records "ca-sign-1"), so
 * where a key lives stays a matter of configuration.
 */
public final class RoutedKeySource implements KeySource {

    /** Where a routed key lives: the source that holds it and its label there. */
    public record Route(KeySource source, KeyLabel label) {
        public Route {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(label, "label");
        }
    }

    private final KeySource defaultSource;
    private final Map<String, Route> routes;
    private final List<KeySource> sources;

    /** @param routes by the label callers ask for; the sources named here and the default are closed with this one */
    public RoutedKeySource(KeySource defaultSource, Map<String, Route> routes) {
        this.defaultSource = Objects.requireNonNull(defaultSource, "defaultSource");
        this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        List<KeySource> all = new ArrayList<>();
        all.add(defaultSource);
        routes.values().forEach(route -> all.add(route.source()));
        Set<KeySource> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        this.sources = all.stream().filter(distinct::add).toList();
    }

    @Override
    public Optional<SigningKey> find(String label) {
        Route route = routes.get(label);
        return route == null ? defaultSource.find(label) : route.source().find(route.label().value());
    }

    @Override
    public SigningKey generateRsa2048(String label) {
        Route route = routes.get(label);
        return route == null ? defaultSource.generateRsa2048(label) : route.source().generateRsa2048(route.label().value());
    }

    @Override
    public String describe() {
        if (routes.isEmpty()) {
            return defaultSource.describe();
        }
        return defaultSource.describe() + routes.entrySet().stream()
                .map(route -> "'" + route.getKey() + "' as '" + route.getValue().label() + "' in "
                        + route.getValue().source().describe())
                .collect(Collectors.joining("; ", ", with ", ""));
    }

    /** The first source that cannot sign, if any: one unusable CA key is enough to refuse issuance. */
    @Override
    public Optional<String> unhealthyReason() {
        for (KeySource source : sources) {
            Optional<String> reason = source.unhealthyReason();
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (KeySource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
