package io.dkimtrend.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Keeps {@code mvn test} the fast suite: unit and operator-harness tests only. Surefire (and only
 * surefire) sets the system property {@value #PROPERTY}; under it, starting a Flink MiniCluster, a
 * Kafka broker, a PostgreSQL server, a local Flink cluster or the packaged job fails the test at once,
 * with the fix in the message: name the class {@code *IT}, so that failsafe runs it in {@code mvn verify}.
 *
 * <p>Why this way: a check at run time sees what a test really starts, also through helpers and
 * {@code DkimTrendJob.run}, where a scan of the test sources for names would miss an indirect start.
 * The test helpers that start a broker or a process call {@link #refuse}. A MiniCluster is Flink's
 * own, started by {@code MiniClusterExtension}, by {@code execute} on a local environment or by
 * {@code executeAndCollect}; they all pass through {@code MiniCluster.start()}, whose first act is to
 * log "Starting Flink Mini Cluster". A Log4j configuration filter sees every log call before the
 * logger's level is applied, so the one this listener installs throws on that line whatever the
 * levels (a filter, not an appender: the tests' configuration keeps Flink at WARN). The listener is
 * registered through {@code META-INF/services} and acts only when surefire set the property, so
 * failsafe's run of the same classes is untouched. (Not a JUnit Jupiter extension found by
 * autodetection: that would also switch on the {@code TestLoggerExtension} that Flink's test jars
 * register.) What it cannot see is a process that a test or a library starts by itself, with no
 * helper of this package: no {@code *Test} does, save RocksDB's native loader, which asks once whether
 * the C library is musl ({@code sh -c "ldd /usr/bin/env | grep -q musl"}) when an operator test opens
 * its RocksDB state backend.
 */
public final class UnitSuiteGuard implements TestExecutionListener {

    public static final String PROPERTY = "dkimtrend.unit-suite";

    private static final String MINI_CLUSTER_LOGGER = "org.apache.flink.runtime.minicluster.MiniCluster";
    private static final String MINI_CLUSTER_START = "Starting Flink Mini Cluster";

    /** The Log4j configuration the filter is in: a JVM may run more than one test plan. */
    private static Configuration installedIn;

    /** Whether this JVM runs {@code mvn test}'s fast suite. */
    public static boolean active() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Fails the calling test when it runs in the fast suite; {@code what} is what it was about to start. */
    public static void refuse(String what) {
        if (active()) {
            throw new IllegalStateException("mvn test (surefire) runs unit and operator-harness tests only, and this test "
                    + "started " + what + ". A test that needs one is an *IT, which failsafe runs after package "
                    + "(mvn verify, or mvn failsafe:integration-test -Dit.test=NAME): rename the class to *IT, "
                    + "or move the cases that need it to a new *IT.");
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!active()) {
            return;
        }
        installFilter();
    }

    private static synchronized void installFilter() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        if (installedIn != configuration) {
            MiniClusterStart filter = new MiniClusterStart();
            filter.start();
            configuration.addFilter(filter);
            context.updateLoggers();
            installedIn = configuration;
        }
    }

    /** Throws on the line a MiniCluster logs when it starts; neutral on every other. */
    private static final class MiniClusterStart extends AbstractFilter {

        @Override
        public Filter.Result filter(org.apache.logging.log4j.core.Logger logger, Level level, Marker marker, String msg,
                Object... params) {
            return check(logger, msg);
        }

        @Override
        public Filter.Result filter(org.apache.logging.log4j.core.Logger logger, Level level, Marker marker, Message msg,
                Throwable t) {
            return check(logger, msg == null ? null : msg.getFormat());
        }

        @Override
        public Filter.Result filter(org.apache.logging.log4j.core.Logger logger, Level level, Marker marker, Object msg,
                Throwable t) {
            return check(logger, msg == null ? null : msg.toString());
        }

        private static Filter.Result check(org.apache.logging.log4j.core.Logger logger, String msg) {
            if (msg != null && msg.startsWith(MINI_CLUSTER_START) && logger.getName().equals(MINI_CLUSTER_LOGGER)) {
                refuse("a Flink MiniCluster");
            }
            return Filter.Result.NEUTRAL;
        }
    }
}
