package jp.shomei.ca.store;

import io.micronaut.context.ApplicationContext;

/** Every repository of the store, looked up once when it opens and shared by all its transactions. */
record Repositories(MunicipalityRepository municipalities, ResidentRepository residents,
                    CaCertificateRepository caCertificates, CertificateRepository certificates,
                    StatusEventRepository statusEvents, AuditRecordRepository auditRecords,
                    CounterRepository counters, OcspSignerRepository ocspSigners,
                    CrlScopeStateRepository crlScopes, SuccessionRepository successions,
                    PairingRepository pairings, VerifierRepository verifiers,
                    VerifierCustomerRepository customers, ConsentRepository consents,
                    AddressProtectionRepository addressProtections,
                    AuditCheckpointRepository auditCheckpoints) {

    static Repositories of(ApplicationContext context) {
        return new Repositories(
                context.getBean(MunicipalityRepository.class),
                context.getBean(ResidentRepository.class),
                context.getBean(CaCertificateRepository.class),
                context.getBean(CertificateRepository.class),
                context.getBean(StatusEventRepository.class),
                context.getBean(AuditRecordRepository.class),
                context.getBean(CounterRepository.class),
                context.getBean(OcspSignerRepository.class),
                context.getBean(CrlScopeStateRepository.class),
                context.getBean(SuccessionRepository.class),
                context.getBean(PairingRepository.class),
                context.getBean(VerifierRepository.class),
                context.getBean(VerifierCustomerRepository.class),
                context.getBean(ConsentRepository.class),
                context.getBean(AddressProtectionRepository.class),
                context.getBean(AuditCheckpointRepository.class));
    }
}
