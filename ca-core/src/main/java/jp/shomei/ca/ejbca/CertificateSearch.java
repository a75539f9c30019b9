package jp.shomei.ca.ejbca;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.JsonFields;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CaServices;

/**
 * POST /certificate/search, over one resident or one certificate of the calling municipality: the
 * QUERY criterion (an 11-digit resident code or a serial number) chooses them, the other criteria
 * filter. As in EJBCA, criteria of one property are alternatives and different properties must all hold.
 * Searching a municipality's whole population is deliberately not offered (docs/ejbca-rest.md).
 */
final class CertificateSearch {

    /** Enough for every certificate a resident can accumulate over a lifetime of renewals. */
    static final int MAX_RESULTS = 1000;

    private static final Set<String> MEMBERS = Set.of("max_number_of_results", "criteria");
    private static final Set<String> CRITERION_MEMBERS = Set.of("property", "value", "operation");
    /** The reasons EJBCA's STATUS criterion names, after "REVOCATION_REASON_". */
    private static final Set<String> EJBCA_REASONS = Set.of("UNSPECIFIED", "KEYCOMPROMISE", "CACOMPROMISE",
            "AFFILIATIONCHANGED", "SUPERSEDED", "CESSATIONOFOPERATION", "CERTIFICATEHOLD", "REMOVEFROMCRL",
            "PRIVILEGESWITHDRAWN", "AACOMPROMISE");

    private enum Property { QUERY, END_ENTITY_PROFILE, CERTIFICATE_PROFILE, CA, STATUS, ISSUED_DATE, EXPIRE_DATE, REVOCATION_DATE }

    private final CaServices services;

    CertificateSearch(CaServices services) {
        this.services = services;
    }

    /**
     * A search body, every criterion checked before anything is looked up.
     *
     * @param query an 11-digit resident code or a hexadecimal serial number
     * @param filter what every certificate found must satisfy
     */
    record Request(int max, String query, Predicate<CertificateRecord> filter) {
    }

    JsonObject search(Actor actor, Buffer body) {
        Request request = parse(body);
        List<CertificateRecord> found = candidates(actor, request.query()).stream().filter(request.filter()).toList();
        JsonArray certificates = new JsonArray();
        found.stream().limit(request.max()).forEach(certificate -> certificates.add(new JsonObject()
                .put("certificate", Base64.getEncoder().encodeToString(certificate.der()))
                .put("serial_number", EjbcaCertificates.serial(certificate))
                .put("response_format", "DER")
                .put("certificate_profile", EjbcaNames.certificateProfile(certificate.caKind()))
                .put("end_entity_profile", EjbcaNames.END_ENTITY_PROFILE)));
        return new JsonObject().put("certificates", certificates).put("more_results", found.size() > request.max());
    }

    /** Reads the body, or refuses it with an {@link EjbcaError} 400 or a {@link RefusedException}. */
    static Request parse(Buffer body) {
        JsonFields request = JsonFields.parse(body, MEMBERS);
        int max = request.requiredInteger("max_number_of_results");
        if (max < 1 || max > MAX_RESULTS) {
            throw new EjbcaError(400, "Invalid search certificate request, max_number_of_results must be 1 to " + MAX_RESULTS);
        }
        String query = null;
        Map<Property, List<Predicate<CertificateRecord>>> filters = new EnumMap<>(Property.class);
        for (JsonFields criterion : request.optionalObjects("criteria", CRITERION_MEMBERS)) {
            Property property = property(criterion.requiredString("property"));
            String value = criterion.requiredString("value");
            String operation = criterion.requiredString("operation");
            if (property == Property.QUERY) {
                requireOperation(property, operation, "EQUAL");
                if (query != null) {
                    throw new EjbcaError(400, "Invalid search certificate request, QUERY may be given only once");
                }
                query = value;
            } else {
                filters.computeIfAbsent(property, p -> new ArrayList<>()).add(filter(property, value, operation));
            }
        }
        if (query == null) {
            throw new EjbcaError(400, "Invalid search certificate request, a QUERY criterion with a resident code"
                    + " or a serial number is required");
        }
        if (!EjbcaNames.RESIDENT_CODE.matcher(query).matches() && !isSerial(query)) {
            throw new EjbcaError(400, "Invalid search certificate request, QUERY must be an 11-digit resident code"
                    + " or a hexadecimal serial number");
        }
        return new Request(max, query, certificate -> filters.values().stream()
                .allMatch(alternatives -> alternatives.stream().anyMatch(test -> test.test(certificate))));
    }

    /** What the query names and the caller may see; nothing found, or another municipality's, is no result. */
    private List<CertificateRecord> candidates(Actor actor, String query) {
        try {
            if (EjbcaNames.RESIDENT_CODE.matcher(query).matches()) {
                return services.residents().show(actor, query).certificates();
            }
            return List.of(services.certificates().history(actor, EjbcaCertificates.parseSerial(query)).certificate());
        } catch (RefusedException notVisible) {
            return List.of();
        }
    }

    private static boolean isSerial(String query) {
        try {
            EjbcaCertificates.parseSerial(query);
            return true;
        } catch (EjbcaError notASerial) {
            return false;
        }
    }

    private static Predicate<CertificateRecord> filter(Property property, String value, String operation) {
        return switch (property) {
            case END_ENTITY_PROFILE -> {
                requireOperation(property, operation, "EQUAL");
                requireKnown(property, value, value.equals(EjbcaNames.END_ENTITY_PROFILE));
                yield certificate -> true;
            }
            case CERTIFICATE_PROFILE -> {
                requireOperation(property, operation, "EQUAL");
                var kind = EjbcaNames.kindOfCertificateProfile(value);
                requireKnown(property, value, kind.isPresent());
                yield certificate -> certificate.caKind() == kind.get();
            }
            case CA -> {
                requireOperation(property, operation, "EQUAL");
                var kind = EjbcaNames.kindOfCaName(value);
                requireKnown(property, value, kind.isPresent());
                yield certificate -> certificate.caKind() == kind.get();
            }
            case STATUS -> {
                requireOperation(property, operation, "EQUAL");
                yield status(value);
            }
            case ISSUED_DATE -> dated(operation, EjbcaDates.parse(value, "ISSUED_DATE"), CertificateRecord::notBefore);
            case EXPIRE_DATE -> dated(operation, EjbcaDates.parse(value, "EXPIRE_DATE"), CertificateRecord::notAfter);
            case REVOCATION_DATE -> {
                Predicate<CertificateRecord> when = dated(operation, EjbcaDates.parse(value, "REVOCATION_DATE"),
                        CertificateRecord::statusChangedAt);
                yield certificate -> certificate.status() != CertificateStatus.GOOD && when.test(certificate);
            }
            case QUERY -> throw new IllegalStateException("QUERY selects, it does not filter");
        };
    }

    private static Predicate<CertificateRecord> status(String value) {
        if (value.equals("CERT_ACTIVE")) {
            return certificate -> certificate.status() == CertificateStatus.GOOD;
        }
        if (value.equals("CERT_REVOKED")) {
            return certificate -> certificate.status() != CertificateStatus.GOOD;
        }
        String reason = value.startsWith("REVOCATION_REASON_") ? value.substring("REVOCATION_REASON_".length()) : "";
        if (EJBCA_REASONS.contains(reason)) {
            return certificate -> certificate.status() != CertificateStatus.GOOD
                    && Revocations.ejbcaReason(certificate).replace("_", "").equals(reason);
        }
        throw new EjbcaError(400, "Invalid search certificate request, unknown STATUS '" + JsonFields.abbreviate(value) + "'");
    }

    private static Predicate<CertificateRecord> dated(String operation, Instant limit,
                                                      java.util.function.Function<CertificateRecord, Instant> date) {
        return switch (operation) {
            case "BEFORE" -> certificate -> date.apply(certificate).isBefore(limit);
            case "AFTER" -> certificate -> date.apply(certificate).isAfter(limit);
            default -> throw new EjbcaError(400, "Invalid search certificate request, dates take BEFORE or AFTER, not '"
                    + JsonFields.abbreviate(operation) + "'");
        };
    }

    private static Property property(String name) {
        try {
            return Property.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new EjbcaError(400, "Invalid search certificate request, unsupported property '"
                    + JsonFields.abbreviate(name) + "'");
        }
    }

    private static void requireOperation(Property property, String operation, String expected) {
        if (!operation.equals(expected)) {
            throw new EjbcaError(400, "Invalid search certificate request, " + property + " takes operation " + expected
                    + ", not '" + JsonFields.abbreviate(operation) + "'");
        }
    }

    private static void requireKnown(Property property, String value, boolean known) {
        if (!known) {
            throw new EjbcaError(400, "Invalid search certificate request, unknown " + property + " '"
                    + JsonFields.abbreviate(value) + "'");
        }
    }
}
