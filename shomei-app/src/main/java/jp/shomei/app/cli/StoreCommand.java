package jp.shomei.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.OfflineCompaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "store", mixinStandardHelpOptions = true, description = "The embedded store.",
        subcommands = StoreCommand.Compact.class)
final class StoreCommand {

    @Command(name = "compact", mixinStandardHelpOptions = true,
            description = {"Rewrites the embedded H2 file (<data>/db/shomei.mv.db) to the size of its content. While "
                    + "the service runs the file is compacted only in part and still grows faster than its content.",
                    "Run it with the service stopped: it is refused while another process has the store open, and "
                            + "for a store on PostgreSQL (database.url), which reclaims space with its own VACUUM."})
    static final class Compact implements Callable<Integer> {

        @Mixin
        DataDirectoryOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ShomeiConfig config = ShomeiConfig.load(data.directory, System.getenv());
            if (!config.database().isEmbedded(config.dataDirectory())) {
                throw new IllegalArgumentException("the store is " + config.database().url().replaceAll("\\?.*", "")
                        + ", not the embedded H2 file; PostgreSQL reclaims space with VACUUM");
            }
            long started = System.nanoTime();
            OfflineCompaction.Result result = OfflineCompaction.compact(config.dataDirectory());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("compacted %s: %,d bytes before, %,d after, in %s%n",
                    DatabaseConfig.embeddedFile(config.dataDirectory()), result.bytesBefore(), result.bytesAfter(),
                    Duration.ofNanos(System.nanoTime() - started).withNanos(0));
            return 0;
        }
    }
}
