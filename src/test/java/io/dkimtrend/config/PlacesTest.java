package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacesTest {

    private static final String HERE = Path.of("").toAbsolutePath().toString();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /var/lib/dkim-trend/ckpt          | file:///var/lib/dkim-trend/ckpt
            /var/lib/dkim-trend/../ckpt/      | file:///var/lib/ckpt
            ckpt                              | file://HERE/ckpt
            ./out/../ckpt                     | file://HERE/ckpt
            /tmp/a folder with spaces         | file:///tmp/a folder with spaces
            file:///var/lib/dkim-trend/ckpt   | file:///var/lib/dkim-trend/ckpt
            file:/var/lib/dkim-trend/ckpt     | file:/var/lib/dkim-trend/ckpt
            s3://bucket/dkim-trend/ckpt       | s3://bucket/dkim-trend/ckpt
            abfss://c@acct.dfs.core.windows.net/ckpt | abfss://c@acct.dfs.core.windows.net/ckpt
            hdfs://namenode:8020/ckpt         | hdfs://namenode:8020/ckpt
            """)
    void aPlainPathBecomesTheAbsoluteFileUriAndAUriStaysAsTyped(String typed, String expected) {
        assertThat(Places.flinkPlace(Flag.CHECKPOINT_DIR, typed)).isEqualTo(expected.replace("HERE", HERE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            trend.png                  | HERE/trend.png
            /tmp/charts/../trend.svg   | /tmp/trend.svg
            file:///tmp/trend.png      | /tmp/trend.png
            """)
    void aLocalFileIsAnAbsolutePath(String typed, String expected) {
        assertThat(Places.localFile(Flag.CHART, typed)).isEqualTo(expected.replace("HERE", HERE));
    }

    @Test
    void aLocalFileRefusesARemoteUri() {
        assertThatThrownBy(() -> Places.localFile(Flag.KAFKA_PROPERTIES, "s3://bucket/client.properties"))
                .hasMessage("--kafka-properties must be a local file, not a s3: URI (s3://bucket/client.properties)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            s3://AKIAKEY:SeCrEt/x@bucket/ckpt        | s3://AKIAKEY:***@bucket/ckpt
            abfss://container@account.dfs/ckpt      | abfss://container@account.dfs/ckpt
            file:///var/lib/x                       | file:///var/lib/x
            """)
    void aPasswordInAUriIsNeverShown(String place, String shown) {
        assertThat(Places.redacted(place)).isEqualTo(shown);
    }

    @Test
    void theCommandLineResolvesEveryPlaceFlag() {
        JobConfig config = JobConfig.fromArgs("--events", "in", "--metrics-file", "out/metrics",
                "--dead-letter-file", "out/dead", "--late-events-file", "out/late", "--alerts-file", "out/alerts",
                "--chart", "out/trend.png", "--checkpoint-dir", "ckpt");
        assertThat(config.events).isEqualTo("file://" + HERE + "/in");
        assertThat(config.metricsFile).isEqualTo("file://" + HERE + "/out/metrics");
        assertThat(config.deadLetterFile).isEqualTo("file://" + HERE + "/out/dead");
        assertThat(config.lateEventsFile).isEqualTo("file://" + HERE + "/out/late");
        assertThat(config.alertsFile).isEqualTo("file://" + HERE + "/out/alerts");
        assertThat(config.chart).isEqualTo(HERE + "/out/trend.png");
        assertThat(config.checkpointDir).isEqualTo("file://" + HERE + "/ckpt");
    }

    @Test
    void aPlaceFlagWithoutAValueIsRefused() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--events-topic", "t", "--bootstrap-servers", "b",
                "--checkpoint-dir")).hasMessage("--checkpoint-dir needs a path");
    }

    @Test
    void writableFoldersAreCreatedBeforeTheRun(@TempDir Path dir) {
        JobConfig config = JobConfig.fromArgs("--events", dir.toString(), "--metrics-file",
                dir.resolve("a/b/metrics").toString(), "--chart", dir.resolve("charts/trend.png").toString());
        assertThatCode(() -> Places.check(config)).doesNotThrowAnyException();
        assertThat(dir.resolve("a/b/metrics")).isDirectory();
        assertThat(dir.resolve("charts")).isDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --events DIR/missing                         | --events file://DIR/missing: no such file or folder
            --events fiel:///tmp/x                       | --events fiel:///tmp/x: no file system for fiel:// in this process
            --events s3://KEY:SECRET@bucket/x            | --events s3://KEY:***@bucket/x: no file system for s3:// in this process
            --events DIR --checkpoint-dir DIR/file/ckpt  | --checkpoint-dir DIR/file/ckpt: the folder cannot be created
            --events DIR --metrics-file DIR/file         | --metrics-file DIR/file: the folder cannot be
            --events DIR --chart DIR/file/trend.png      | --chart DIR/file: the folder cannot be created
            --events DIR --from-savepoint DIR/nothing    | --from-savepoint file://DIR/nothing: no savepoint or checkpoint there
            --events DIR --from-savepoint DIR            | --from-savepoint file://DIR: no savepoint or checkpoint there (no _metadata)
            """)
    void aPlaceThatCannotWorkIsRefusedWithTheFlagAndTheReason(String args, String message, @TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("file"), "a file, not a folder");
        JobConfig config = JobConfig.fromArgs(args.replace("DIR", dir.toString()).split(" +"));
        assertThatThrownBy(() -> Places.check(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.replace("DIR", dir.toString()))
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void aSavepointFolderWithMetadataIsAccepted(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("chk-3"));
        Files.writeString(dir.resolve("chk-3/_metadata"), "");
        JobConfig config = JobConfig.fromArgs("--events", dir.toString(), "--from-savepoint",
                dir.resolve("chk-3").toString());
        assertThatCode(() -> Places.check(config)).doesNotThrowAnyException();
    }
}
