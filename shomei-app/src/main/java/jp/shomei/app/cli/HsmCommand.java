package jp.shomei.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.keys.TokenPin;
import jp.shomei.keys.pkcs11.Pkcs11Inventory;
import jp.shomei.keys.pkcs11.Pkcs11Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "hsm", mixinStandardHelpOptions = true, description = "PKCS#11 hardware security modules.",
        subcommands = HsmCommand.ListTokens.class)
final class HsmCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Shows a PKCS#11 module: its slots, tokens, mechanisms and the keys on each token (labels, ids,"
                    + " types; never a secret).",
                    "Private keys are listed for the configured token (keys.pkcs11.token) when its PIN is given in "
                            + TokenPin.ENVIRONMENT_VARIABLE + " or keys.pkcs11.pin-file; other tokens show public objects only."})
    static final class ListTokens implements Callable<Integer> {

        @Option(names = "--module", paramLabel = "LIBRARY",
                description = "The PKCS#11 library (default: keys.pkcs11.module of the configuration).")
        Path module;

        @Mixin
        DataDirectoryOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> environment = System.getenv();
            Optional<Pkcs11Settings> configured = ShomeiConfig.load(data.directory, environment).pkcs11Keys();
            Path library = Optional.ofNullable(module).or(() -> configured.map(Pkcs11Settings::module))
                    .orElseThrow(() -> new IllegalArgumentException("no PKCS#11 module: give --module or set"
                            + " keys.source=pkcs11 and keys.pkcs11.module in " + ShomeiConfig.PROPERTIES_FILE));
            Optional<Pkcs11Settings> login = configured.filter(settings -> environment.containsKey(TokenPin.ENVIRONMENT_VARIABLE)
                    || settings.pinFile().isPresent());
            char[] pin = login.map(settings -> TokenPin.load(settings.pinFile(), environment)).orElse(new char[0]);
            Pkcs11Inventory inventory;
            try {
                inventory = Pkcs11Inventory.read(library, login.map(Pkcs11Settings::tokenLabel), pin);
            } finally {
                Arrays.fill(pin, '\0');
            }
            print(library, inventory, spec.commandLine().getOut());
            return 0;
        }

        private static void print(Path library, Pkcs11Inventory inventory, PrintWriter out) {
            out.println("Module: " + library);
            out.println("  " + inventory.library() + " " + inventory.libraryVersion() + " by " + inventory.manufacturer()
                    + ", Cryptoki " + inventory.cryptokiVersion());
            for (Pkcs11Inventory.SlotEntry slot : inventory.slots()) {
                out.println("Slot " + slot.id() + " (" + slot.description() + ")");
                if (slot.token().isEmpty()) {
                    out.println("  no token");
                    continue;
                }
                Pkcs11Inventory.TokenEntry token = slot.token().get();
                out.println("  Token '" + token.label() + "': " + token.manufacturer() + " " + token.model()
                        + ", serial " + token.serialNumber() + (token.loggedIn() ? ", logged in" : ", public objects only"));
                out.println("    Mechanisms (" + token.mechanisms().size() + "): " + String.join(" ", token.mechanisms()));
                out.println("    Objects (" + token.objects().size() + "):");
                for (Pkcs11Inventory.ObjectEntry object : token.objects()) {
                    out.println("      " + object.objectClass() + object.keyType().map(type -> " " + type).orElse("")
                            + " label '" + object.label() + "' id " + (object.idHex().isEmpty() ? "-" : object.idHex()));
                }
            }
            out.flush();
        }
    }
}
