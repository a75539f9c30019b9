package jp.shomei.verifier.validation;

/** Why a certificate or signature is not valid: a stable code clients match on, and a detail for people. */
public record Reason(String code, String detail) {
}
