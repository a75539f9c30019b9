package jp.shomei.crl.publication;

/** The two CRLs published per scope, each under its own file name. */
public enum CrlVariant {
    FULL(".crl", "full-"),
    DELTA(".delta.crl", "delta-");

    private final String suffix;
    private final String generationPrefix;

    CrlVariant(String suffix, String generationPrefix) {
        this.suffix = suffix;
        this.generationPrefix = generationPrefix;
    }

    /** The published file name of a scope's CRL, such as "131016.crl" or "131016.delta.crl". */
    public String fileName(String scopeId) {
        return scopeId + suffix;
    }

    String generationFileName(long crlNumber) {
        return generationPrefix + String.format("%019d", crlNumber) + ".crl";
    }

    boolean isGenerationFile(String fileName) {
        return fileName.startsWith(generationPrefix) && fileName.endsWith(".crl");
    }
}
