package jp.shomei.ca.resident;

/** Sex as recorded in the resident register, with the JPKI code written into signing certificates. */
public enum Sex {
    MALE(1),
    FEMALE(2),
    UNKNOWN(3);

    private final int jpkiCode;

    Sex(int jpkiCode) {
        this.jpkiCode = jpkiCode;
    }

    public int jpkiCode() {
        return jpkiCode;
    }
}
