package jp.shomei.ocsp.status;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ocsp.issuer.ServedIssuer;

/** The status of every certificate this responder knows, one table per CA generation. */
public final class StatusBook {

    private record Generation(CaKind kind, int number) {
    }

    private final Map<Generation, StatusTable> tables = new ConcurrentHashMap<>();

    /** The state of a certificate this issuer issued; empty if it never issued that serial. */
    public Optional<CertState> find(ServedIssuer issuer, BigInteger serial) {
        StatusTable table = tables.get(new Generation(issuer.kind(), issuer.generation()));
        return table == null ? Optional.empty() : table.find(serial);
    }

    public void record(CaKind kind, int generation, BigInteger serial, CertState state) {
        tables.computeIfAbsent(new Generation(kind, generation), g -> new StatusTable()).put(serial, state);
    }

    /** Which generation of this kind issued the serial, if known. */
    public Optional<Integer> generationOf(CaKind kind, BigInteger serial) {
        return tables.entrySet().stream()
                .filter(entry -> entry.getKey().kind() == kind && entry.getValue().find(serial).isPresent())
                .map(entry -> entry.getKey().number())
                .findFirst();
    }

    public long size() {
        return tables.values().stream().mapToLong(StatusTable::size).sum();
    }
}
