package jp.shomei.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import jp.shomei.ca.Problem;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.junit.jupiter.api.Test;

/** The failInfo each lifecycle refusal becomes over CMP, as docs/cmp.md lists them. */
class FailInfosTest {

    @Test
    void proofOfPossessionKeyAndIdentityProblemsHaveTheirOwnFailInfo() {
        assertThat(FailInfos.of(Problem.CSR_SIGNATURE_INVALID)).isEqualTo(PKIFailureInfo.badPOP);
        assertThat(FailInfos.of(Problem.INVALID_CSR)).isEqualTo(PKIFailureInfo.badDataFormat);
        assertThat(FailInfos.of(Problem.UNSUPPORTED_KEY)).isEqualTo(PKIFailureInfo.badCertTemplate);
        assertThat(FailInfos.of(Problem.RESIDENT_NOT_FOUND)).isEqualTo(PKIFailureInfo.badCertTemplate);
        assertThat(FailInfos.of(Problem.CERTIFICATE_NOT_FOUND)).isEqualTo(PKIFailureInfo.badCertId);
        assertThat(FailInfos.of(Problem.KEY_ALREADY_CERTIFIED)).isEqualTo(PKIFailureInfo.duplicateCertReq);
    }

    @Test
    void whatTheRulesForbidIsNotAuthorized() {
        for (Problem problem : new Problem[] {Problem.UNAUTHENTICATED, Problem.FOREIGN_MUNICIPALITY,
                Problem.ROLE_NOT_PERMITTED, Problem.RESIDENT_DECEASED, Problem.ILLEGAL_TRANSITION, Problem.CERTIFICATE_EXPIRED,
                Problem.RENEWAL_TOO_EARLY, Problem.ACTIVE_CERTIFICATE_EXISTS, Problem.NOT_ELIGIBLE_UNDER_15,
                Problem.NOT_ELIGIBLE_ADULT_WARD, Problem.CARD_EXPIRED}) {
            assertThat(FailInfos.of(problem)).as(problem.code()).isEqualTo(PKIFailureInfo.notAuthorized);
        }
    }

    @Test
    void anUnavailableKeyOrStoreIsSystemUnavail() {
        assertThat(FailInfos.of(Problem.SIGNING_UNAVAILABLE)).isEqualTo(PKIFailureInfo.systemUnavail);
        assertThat(FailInfos.of(Problem.STORE_UNAVAILABLE)).isEqualTo(PKIFailureInfo.systemUnavail);
    }

    @Test
    void malformedInputIsABadRequest() {
        assertThat(FailInfos.of(Problem.MALFORMED_REQUEST)).isEqualTo(PKIFailureInfo.badRequest);
        assertThat(FailInfos.of(Problem.INVALID_FIELD)).isEqualTo(PKIFailureInfo.badRequest);
    }
}
