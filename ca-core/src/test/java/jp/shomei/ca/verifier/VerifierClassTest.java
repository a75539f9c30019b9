package jp.shomei.ca.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.shomei.ca.authority.CaKind;
import org.junit.jupiter.api.Test;

class VerifierClassTest {

    @Test
    void each_class_sees_its_own_kind_and_only_both_sees_both() {
        assertThat(VerifierClass.SIGNATURE.kinds()).containsExactly(CaKind.SIGNING);
        assertThat(VerifierClass.AUTHENTICATION.kinds()).containsExactly(CaKind.AUTHENTICATION);
        assertThat(VerifierClass.BOTH.kinds()).containsExactlyInAnyOrder(CaKind.values());
        assertThat(VerifierClass.SIGNATURE.sees(CaKind.AUTHENTICATION)).isFalse();
    }

    @Test
    void labels_are_what_the_command_line_takes() {
        assertThat(VerifierClass.fromLabel("authentication")).isEqualTo(VerifierClass.AUTHENTICATION);
        assertThatThrownBy(() -> VerifierClass.fromLabel("Signature")).isInstanceOf(IllegalArgumentException.class);
    }
}
