package jp.shomei.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import jp.shomei.app.client.ApiProblemException;
import jp.shomei.app.client.MunicipalClient;
import jp.shomei.app.client.ServiceUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a short scenario against the running service, saying why at each step.",
                "Registers three residents of Chiyoda-ku, issues their certificates, is refused a 14-year-old's "
                        + "signing certificate, and shows what a move and a death revoke. Start the service first "
                        + "with ./shomei start. Uses new resident codes on every run. Exits 1 if the service does "
                        + "not behave as JPKI requires, 2 if it cannot be reached."})
final class DemoCommand implements Callable<Integer> {

    private static final long TEN_DIGITS = 10_000_000_000L;

    @Mixin
    ServiceOptions service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // The clock in milliseconds gives each run its own resident codes, so the demo can be repeated.
        String runId = String.format("%010d", Math.floorMod(System.currentTimeMillis(), TEN_DIGITS));
        try (MunicipalClient municipal = service.connectAs(DemoScenario.MUNICIPALITY)) {
            String summary = new DemoScenario(municipal, out, Clock.systemUTC(), runId).run();
            out.println();
            out.println(summary);
            out.flush();
            return 0;
        } catch (DemoScenario.UnexpectedOutcome | ApiProblemException failure) {
            return fail("demo failed: " + failure.getMessage(), MunicipalRequestCommand.REFUSED);
        } catch (ServiceUnreachableException unreachable) {
            return fail(unreachable.getMessage(), MunicipalRequestCommand.UNREACHABLE);
        }
    }

    private int fail(String message, int exitCode) {
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("shomei: " + message);
        err.flush();
        return exitCode;
    }
}
