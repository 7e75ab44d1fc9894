package org.llmfromscratch.backend.aparapi;

import com.aparapi.Config;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Silences Aparapi's console logging and keeps its warnings instead: when a launch falls back to
 * Java threads, Aparapi's reason (e.g. a bytecode it cannot translate) goes into our exception rather
 * than onto stderr. {@code -Dllm.aparapi.log=true} leaves Aparapi's logging alone.
 */
final class AparapiLog {
    /** System property: keep Aparapi's own console logging. */
    static final String PROPERTY = "llm.aparapi.log";

    private static final Logger LOGGER = Logger.getLogger(Config.getLoggerName());
    /** Warnings logged on this thread since {@link #reset()}: launches run on the caller's thread. */
    private static final ThreadLocal<StringBuilder> SEEN = ThreadLocal.withInitial(StringBuilder::new);

    private AparapiLog() {}

    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                String msg = record.getMessage();
                Throwable t = record.getThrown();
                StringBuilder seen = SEEN.get();
                if (seen.length() < 4000) {
                    seen.append(seen.length() == 0 ? "" : " | ")
                            .append(msg == null ? "" : msg)
                            .append(t == null ? "" : " (" + t + ")");
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    static {
        if (!Boolean.getBoolean(PROPERTY)) {
            LOGGER.setUseParentHandlers(false);
        }
        LOGGER.addHandler(CAPTURE);
    }

    /** Installs the capture (idempotent: the work is done once, when the class initializes). */
    static void install() {
        // class initialization does it
    }

    /** Forgets this thread's warnings; called before a launch. */
    static void reset() {
        SEEN.get().setLength(0);
    }

    /** Aparapi's warnings on this thread since {@link #reset()}, or "" when it said nothing. */
    static String warnings() {
        return SEEN.get().toString();
    }
}
