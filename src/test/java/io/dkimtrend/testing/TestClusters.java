package io.dkimtrend.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster the end-to-end tests run on: one TaskManager with two slots. */
public final class TestClusters {

    private TestClusters() {}

    public static MiniClusterExtension miniCluster() {
        return miniCluster(new Configuration());
    }

    public static MiniClusterExtension miniCluster(Configuration configuration) {
        // As a local run of the job sets them: replays of many small files otherwise sometimes wait
        // out Flink's 30 s close timeout for a split fetcher that hangs (FLINK-40660).
        configuration.set(SourceReaderOptions.SOURCE_READER_CLOSE_TIMEOUT, 1_000L);
        configuration.set(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY, 8);
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }
}
