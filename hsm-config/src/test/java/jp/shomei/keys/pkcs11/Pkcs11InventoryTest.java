package jp.shomei.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Pkcs11InventoryTest {

    @Test
    void listsTheTokenItsMechanismsAndTheKeysOfTheTokenLoggedInTo() {
        SoftHsm.Token token = SoftHsm.newToken("inventory");
        try (Pkcs11KeySource keys = Pkcs11KeySource.open(Pkcs11Settings.of(SoftHsm.MODULE, token.label(), Optional.empty()),
                token.pinChars(), Clock.systemUTC())) {
            keys.generateRsa2048("sign-ca");
        }

        Pkcs11Inventory inventory = Pkcs11Inventory.read(SoftHsm.MODULE, Optional.of(token.label()), token.pinChars());

        assertThat(inventory.manufacturer()).isEqualTo("SoftHSM");
        Pkcs11Inventory.TokenEntry listed = inventory.slots().stream()
                .flatMap(slot -> slot.token().stream())
                .filter(entry -> entry.label().equals(token.label()))
                .findFirst().orElseThrow();
        assertThat(listed.loggedIn()).isTrue();
        assertThat(listed.mechanisms()).contains("CKM_RSA_PKCS", "CKM_RSA_PKCS_KEY_PAIR_GEN", "CKM_RSA_PKCS_PSS");
        assertThat(listed.objects())
                .extracting(Pkcs11Inventory.ObjectEntry::objectClass, Pkcs11Inventory.ObjectEntry::keyType,
                        Pkcs11Inventory.ObjectEntry::label)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("CKO_PRIVATE_KEY", Optional.of("CKK_RSA"), "sign-ca"),
                        org.assertj.core.groups.Tuple.tuple("CKO_PUBLIC_KEY", Optional.of("CKK_RSA"), "sign-ca"));
        assertThat(listed.objects()).allSatisfy(object -> assertThat(object.idHex()).hasSize(32));
        assertThat(inventory.toString()).doesNotContain(token.pin());
    }

    @Test
    void withoutAPinOnlyPublicObjectsAreListed() {
        SoftHsm.Token token = SoftHsm.newToken("public");
        try (Pkcs11KeySource keys = Pkcs11KeySource.open(Pkcs11Settings.of(SoftHsm.MODULE, token.label(), Optional.empty()),
                token.pinChars(), Clock.systemUTC())) {
            keys.generateRsa2048("sign-ca");
        }

        Pkcs11Inventory inventory = Pkcs11Inventory.read(SoftHsm.MODULE, Optional.empty(), new char[0]);

        Pkcs11Inventory.TokenEntry listed = inventory.slots().stream()
                .flatMap(slot -> slot.token().stream())
                .filter(entry -> entry.label().equals(token.label()))
                .findFirst().orElseThrow();
        assertThat(listed.loggedIn()).isFalse();
        assertThat(listed.objects()).extracting(Pkcs11Inventory.ObjectEntry::objectClass).containsExactly("CKO_PUBLIC_KEY");
    }
}
