package jp.shomei.keys;

/** A key was asked to sign with an algorithm for another type of key, such as ECDSA with an RSA key. */
public final class WrongKeyTypeException extends KeySourceException {

    public WrongKeyTypeException(String keyLabel, String keyAlgorithm, SignatureAlgorithm requested) {
        super("Key '" + keyLabel + "' is an " + keyAlgorithm + " key and cannot sign " + requested
                + ", which needs an " + requested.keyAlgorithm() + " key");
    }
}
