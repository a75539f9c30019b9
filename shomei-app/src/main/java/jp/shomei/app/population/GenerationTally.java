package jp.shomei.app.population;

/**
 * What generating part of a population did: residents registered, certificates issued (card and
 * phone), and the life events with the revocations each implied.
 *
 * @param phoneRegistrations phones registered, each with a signing and an authentication certificate
 * @param deadlockRetries transactions rolled back as deadlock victims and tried again
 */
public record GenerationTally(long residents, long certificates, long renewals, long moves,
                              long movedSigningRevoked, long deaths, long deathRevocations,
                              long phoneRegistrations, long deadlockRetries) {

    public static final GenerationTally NONE = new GenerationTally(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public GenerationTally plus(GenerationTally other) {
        return new GenerationTally(residents + other.residents, certificates + other.certificates,
                renewals + other.renewals, moves + other.moves, movedSigningRevoked + other.movedSigningRevoked,
                deaths + other.deaths, deathRevocations + other.deathRevocations,
                phoneRegistrations + other.phoneRegistrations, deadlockRetries + other.deadlockRetries);
    }
}
