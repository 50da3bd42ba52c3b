package io.dkimtrend.bench;

import java.nio.file.Path;

/**
 * The job's two references as processes of their own, started by {@link FreshProcesses} as a user
 * starts the job: {@code loop FILE} runs the ceiling loop ({@link CeilingLoop}), {@code sql FILE P}
 * the Flink SQL query ({@link FlinkSqlDaily}). Each prints the EmailEvents rows it counted.
 */
public final class PeerProcess {

    private PeerProcess() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        long rows = switch (args[0]) {
            case "loop" -> CeilingLoop.count(file);
            case "sql" -> FlinkSqlDaily.query(file, Integer.parseInt(args[2])).totals().emails();
            default -> throw new IllegalArgumentException("loop FILE | sql FILE PARALLELISM");
        };
        System.out.println("rows " + rows);
        // Flink can leave a file split fetcher parked after a run (FLINK-40660).
        System.exit(0);
    }
}
