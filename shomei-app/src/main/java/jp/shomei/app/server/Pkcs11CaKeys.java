package jp.shomei.app.server;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shomei.app.config.ShomeiConfig.CaKeyOnToken;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.RoutedKeySource;
import jp.shomei.keys.TokenPin;
import jp.shomei.keys.pkcs11.Pkcs11KeySource;
import jp.shomei.keys.pkcs11.Pkcs11Settings;

/**
 * The key source of a server with keys.source=pkcs11: a signing pool on the configured token, and
 * one more pool for each other token a CA key is placed on, the CA keys routed to where they live.
 */
final class Pkcs11CaKeys {

    private Pkcs11CaKeys() {
    }

    /** Reconnection waits are real time: a test clock standing still would never let the pool retry. */
    static KeySource open(Pkcs11Settings settings, Map<CaKind, CaKeyOnToken> caKeys, Map<String, String> environment) {
        char[] pin = TokenPin.load(settings.pinFile(), environment);
        Map<String, KeySource> pools = new LinkedHashMap<>();
        try {
            KeySource main = Pkcs11KeySource.open(settings, pin, Clock.systemUTC());
            pools.put(settings.tokenLabel(), main);
            Map<String, RoutedKeySource.Route> routes = new LinkedHashMap<>();
            caKeys.forEach((kind, placement) -> {
                String recordedLabel = AuthorityBootstrap.firstKeyLabel(kind);
                if (placement.token().equals(settings.tokenLabel()) && placement.label().value().equals(recordedLabel)) {
                    return;
                }
                KeySource pool = pools.computeIfAbsent(placement.token(), token -> Pkcs11KeySource.open(
                        new Pkcs11Settings(settings.module(), token, settings.pinFile(), settings.sessions(),
                                settings.firstRetry(), settings.maxRetry()), pin, Clock.systemUTC()));
                routes.put(recordedLabel, new RoutedKeySource.Route(pool, placement.label()));
            });
            return routes.isEmpty() ? main : new RoutedKeySource(main, routes);
        } catch (RuntimeException e) {
            pools.values().forEach(KeySource::close);
            throw e;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }
}
