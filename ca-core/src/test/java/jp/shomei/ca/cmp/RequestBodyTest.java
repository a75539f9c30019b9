package jp.shomei.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void anExceptionWhileReadingIsMalformedInputEvenWithoutMessageOrStackTrace() {
        // What the JVM throws after it has stopped filling in stack traces of a hot implicit exception.
        ArrayIndexOutOfBoundsException bare = new ArrayIndexOutOfBoundsException();
        bare.setStackTrace(new StackTraceElement[0]);

        assertThatThrownBy(() -> RequestBody.reading("the message body", () -> {
            throw bare;
        }))
                .isInstanceOfSatisfying(CmpFailure.class, failure -> {
                    assertThat(failure.failInfo()).isEqualTo(PKIFailureInfo.badDataFormat);
                    assertThat(failure.text()).isEqualTo("the message body cannot be read: ArrayIndexOutOfBoundsException");
                });
    }

    @Test
    void aRefusalWhileReadingKeepsItsOwnFailInfo() {
        CmpFailure badPop = CmpFailure.badPop("the proof of possession does not verify");

        assertThatThrownBy(() -> RequestBody.reading("the message body", () -> {
            throw badPop;
        })).isSameAs(badPop);
    }

    @Test
    void aBodyOfTheWrongShapeForItsTypeIsBadDataFormat() {
        PKIBody revocationHoldingNull = new PKIBody(PKIBody.TYPE_REVOCATION_REQ, new DERSequence(DERNull.INSTANCE));

        assertThatThrownBy(() -> RequestBody.read(revocationHoldingNull))
                .isInstanceOfSatisfying(CmpFailure.class,
                        failure -> assertThat(failure.failInfo()).isEqualTo(PKIFailureInfo.badDataFormat));
    }

    @Test
    void anUnsupportedMessageTypeIsBadRequest() {
        PKIBody pollRequest = new PKIBody(PKIBody.TYPE_POLL_REQ, new DERSequence());

        assertThatThrownBy(() -> RequestBody.read(pollRequest))
                .isInstanceOfSatisfying(CmpFailure.class,
                        failure -> assertThat(failure.failInfo()).isEqualTo(PKIFailureInfo.badRequest));
    }
}
