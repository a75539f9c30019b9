package jp.shomei.app.support;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** Request bodies of the municipal API (docs/municipal-api.md), and the residents the specifications use. */
public final class ApiBodies {

    /** Far enough away that the holder's fifth birthday, not the card, ends the certificates. */
    public static final LocalDate CARD_EXPIRY = LocalDate.of(2036, 5, 10);
    public static final String NAME = "山田　太郎";
    public static final LocalDate DATE_OF_BIRTH = LocalDate.of(1985, 4, 12);
    public static final String ADDRESS = "東京都千代田区千代田一丁目一番一号";

    private ApiBodies() {
    }

    /** Taro Yamada, born 1985-04-12 (Showa), living in Chiyoda-ku. */
    public static JsonObject taroInChiyoda() {
        return resident("131016", NAME, DATE_OF_BIRTH, "male", ADDRESS);
    }

    public static JsonObject resident(String municipalityCode, String name, LocalDate dateOfBirth, String sex,
                                      String address) {
        return new JsonObject()
                .put("municipalityCode", municipalityCode)
                .put("name", name)
                .put("dateOfBirth", dateOfBirth.toString())
                .put("sex", sex)
                .put("address", address);
    }

    public static JsonObject enrollment(String ca, String csrPem) {
        return new JsonObject().put("ca", ca).put("csr", csrPem).put("cardExpiresOn", CARD_EXPIRY.toString());
    }
}
