package jp.shomei.app.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.SplittableRandom;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Sex;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Names, addresses and card keys for synthetic residents. Names are common surnames and given names;
 * about one in a hundred has a character the register could not represent (a flagged substitute),
 * as happens with rare kanji. Card keys are RSA-2048 public keys with a random odd modulus: the
 * certificates are real and signed by the CA, but nobody holds the private keys, which spares the
 * generator the cost of making millions of key pairs a card would have made itself.
 */
final class SyntheticPeople {

    private static final String[] SURNAMES = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
            "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "髙橋", "渡邉"};
    private static final String[] MALE_NAMES = {"翔", "大輔", "健太", "拓也", "蓮", "悠真", "誠", "浩", "隆", "茂",
            "大翔", "陽翔", "一郎", "健一"};
    private static final String[] FEMALE_NAMES = {"陽子", "恵子", "美咲", "結衣", "葵", "さくら", "由美", "直子",
            "花子", "愛", "陽菜", "凛"};
    private static final int SUBSTITUTED_PER_HUNDRED = 1;
    private static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65_537);
    private static final AlgorithmIdentifier RSA = new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
            DERNull.INSTANCE);
    private static final int MODULUS_BYTES = 256;

    private SyntheticPeople() {
    }

    static FlaggedText name(Sex sex, SplittableRandom random) {
        String surname = SURNAMES[random.nextInt(SURNAMES.length)];
        String[] given = sex == Sex.FEMALE ? FEMALE_NAMES : MALE_NAMES;
        String text = surname + "\u3000" + given[random.nextInt(given.length)];
        char[] flags = "0".repeat(text.codePointCount(0, text.length())).toCharArray();
        if (random.nextInt(100) < SUBSTITUTED_PER_HUNDRED) {
            flags[random.nextInt(surname.length())] = '1';
        }
        return new FlaggedText(text, new String(flags));
    }

    /** An address in the municipality: prefecture, municipality, then chōme, banchi and gō in full-width digits. */
    static FlaggedText address(Municipality municipality, SplittableRandom random) {
        return FlaggedText.unsubstituted(municipality.prefectureKanji() + municipality.nameKanji()
                + fullWidth(1 + random.nextInt(9)) + "丁目" + fullWidth(1 + random.nextInt(40)) + "番"
                + fullWidth(1 + random.nextInt(30)) + "号");
    }

    static SubjectPublicKeyInfo cardKey(SplittableRandom random) {
        byte[] modulus = new byte[MODULUS_BYTES];
        random.nextBytes(modulus);
        modulus[0] |= (byte) 0x80;
        modulus[MODULUS_BYTES - 1] |= 1;
        try {
            return new SubjectPublicKeyInfo(RSA, new RSAPublicKey(new BigInteger(1, modulus), PUBLIC_EXPONENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fullWidth(int number) {
        StringBuilder digits = new StringBuilder();
        for (char digit : Integer.toString(number).toCharArray()) {
            digits.append((char) ('０' + (digit - '0')));
        }
        return digits.toString();
    }
}
