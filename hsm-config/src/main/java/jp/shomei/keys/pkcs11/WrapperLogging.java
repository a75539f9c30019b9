package jp.shomei.keys.pkcs11;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Sends the wrapper's own log lines to SLF4J instead of standard output. Its debug and trace
 * levels dump attribute templates, which may hold key material or other values no log should
 * see, so those levels are reported as disabled whatever SLF4J is configured to.
 */
final class WrapperLogging implements org.xipki.pkcs11.wrapper.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("org.xipki.pkcs11.wrapper");

    private WrapperLogging() {
    }

    static void install() {
        StaticLogger.setLogger(new WrapperLogging());
    }

    @Override
    public void info(String format, Object... arguments) {
        // Every C_OpenSession is logged at info; that is our debug.
        LOG.debug(format, arguments);
    }

    @Override
    public void warn(String format, Object... arguments) {
        LOG.warn(format, arguments);
    }

    @Override
    public void error(String format, Object... arguments) {
        LOG.error(format, arguments);
    }

    @Override
    public void debug(String format, Object... arguments) {
    }

    @Override
    public void trace(String format, Object... arguments) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }
}
