package io.dkimtrend;

import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The checkpoints a run leaves in {@code --checkpoint-dir} ({@code <dir>/<job id>/chk-<n>/_metadata}):
 * a run killed without warning is resumed from the newest one by the next run with the same flags,
 * and a run that finished leaves none behind, so nothing resumes a job that is done.
 */
public final class RetainedCheckpoints {

    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {}

    /** The newest complete checkpoint under {@code dir}, by the time its metadata was written. */
    public static Optional<String> newest(String dir) throws IOException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return Optional.empty();
        }
        FileStatus newest = null;
        for (FileStatus job : list(fs, root)) {
            for (FileStatus checkpoint : list(fs, job.getPath())) {
                if (!checkpoint.isDir() || !checkpoint.getPath().getName().startsWith("chk-")) continue;
                Path metadata = new Path(checkpoint.getPath(), METADATA);
                if (!fs.exists(metadata)) continue;
                FileStatus status = fs.getFileStatus(metadata);
                if (newest == null || status.getModificationTime() > newest.getModificationTime()) {
                    newest = status;
                }
            }
        }
        return Optional.ofNullable(newest).map(status -> status.getPath().getParent().toString());
    }

    /** Removes what a finished job kept. */
    public static void forget(String dir, JobID job) throws IOException {
        Path jobDir = new Path(dir, job.toString());
        jobDir.getFileSystem().delete(jobDir, true);
    }

    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] entries = fs.listStatus(dir);
        return entries == null ? new FileStatus[0] : entries;
    }
}
