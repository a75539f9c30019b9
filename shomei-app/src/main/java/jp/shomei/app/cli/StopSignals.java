package jp.shomei.app.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands the operating system's request to stop (SIGTERM from systemd or kill, SIGINT from Ctrl-C) to
 * the service instead of to JVM shutdown hooks. The hooks run all at once in no set order, and the
 * embedded H2 database closes itself in one of them (AUTO_SERVER, which lets the command line read the
 * store while the service runs, does not allow DB_CLOSE_ON_EXIT=FALSE): a stop done in a hook of our
 * own found the store closed under its final audit checkpoint. A stop done before the JVM exits
 * leaves H2's hook nothing to close.
 *
 * <p>sun.misc.Signal (module jdk.unsupported) is the JDK's one way to handle a signal. It is reached
 * reflectively because javac warns, unsuppressably, at every direct use, and the build is kept free
 * of warnings.
 */
final class StopSignals {

    private static final List<String> STOP_SIGNALS = List.of("TERM", "INT");

    private StopSignals() {
    }

    /** The handlers in place before {@link #onStop}; closing puts them back. */
    static final class Registration implements AutoCloseable {

        private final Method handle;
        private final Map<Object, Object> previous;

        private Registration(Method handle, Map<Object, Object> previous) {
            this.handle = handle;
            this.previous = previous;
        }

        /** Puts back the handlers that were there before, so a command run inside a test JVM leaves it as it was. */
        @Override
        public void close() {
            try {
                for (Map.Entry<Object, Object> signal : previous.entrySet()) {
                    handle.invoke(null, signal.getKey(), signal.getValue());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not restore the stop signal handlers", e);
            }
        }
    }

    /**
     * Runs {@code stopRequested} on the JVM's signal thread, instead of exiting, when a stop signal
     * arrives, until the registration is closed; it should only tell the service to stop. A signal the
     * process was started ignoring (for example SIGINT of a background job) stays ignored.
     */
    static Registration onStop(Runnable stopRequested) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, arguments) -> switch (method.getName()) {
                        case "handle" -> {
                            stopRequested.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == arguments[0];
                        default -> "shomei stop signal handler";
                    });
            Method handle = signal.getMethod("handle", signal, handlerType);
            Map<Object, Object> previous = new LinkedHashMap<>();
            for (String name : STOP_SIGNALS) {
                Object stopSignal = signal.getConstructor(String.class).newInstance(name);
                previous.put(stopSignal, handle.invoke(null, stopSignal, handler));
            }
            return new Registration(handle, previous);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM offers no way to handle stop signals (sun.misc.Signal)", e);
        }
    }
}
