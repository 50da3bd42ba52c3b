package io.dkimtrend.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The commands a page of the docs (README.md, or a page under docs/) shows for running the job
 * ({@code bin/dkim-trend}, {@code java -jar target/dkim-trend.jar}, {@code flink run}), read from its
 * {@code bash} blocks in order, with continuation lines joined. A command whose comment line above
 * says "needs a real cluster" or "needs Azure" is marked as one the suite cannot run here.
 */
public final class ReadmeCommands {

    private static final List<String> JOB = List.of("bin/dkim-trend", "java -jar target/dkim-trend.jar", "flink run");
    private static final String BUILD_FIRST = "mvn -q package -DskipTests && ";

    /** A command as printed, the comment line above it, and the page it is printed on. */
    public record Command(String text, String comment, Path page) {

        /** Whether the page says this command needs what the suite cannot start here. */
        public boolean needsRealClusterOrAzure() {
            return comment.contains("needs a real cluster") || comment.contains("needs Azure");
        }

        /** The words after the program: the job's arguments. */
        public List<String> arguments() {
            String program = JOB.stream().filter(text::startsWith).findFirst().orElseThrow();
            String rest = text.substring(program.length()).trim();
            return rest.isEmpty() ? List.of() : Arrays.asList(rest.split(" +"));
        }

        public boolean isLauncher() {
            return text.startsWith("bin/dkim-trend");
        }
    }

    private ReadmeCommands() {}

    /** The commands of the pages, page after page, each page's in the order it prints them. */
    public static List<Command> of(List<Path> pages) throws IOException {
        List<Command> commands = new ArrayList<>();
        for (Path page : pages) {
            commands.addAll(of(page));
        }
        return commands;
    }

    /** The commands of one page, in the order it prints them. */
    public static List<Command> of(Path page) throws IOException {
        List<Command> commands = new ArrayList<>();
        boolean inBash = false;
        String comment = "";
        StringBuilder pending = null;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.equals("```bash");
                comment = "";
                continue;
            }
            if (!inBash) continue;
            if (pending != null) {
                pending.append(' ').append(line.trim());
            } else if (line.startsWith("#")) {
                comment = line;
                continue;
            } else {
                pending = new StringBuilder(line.trim());
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                continue;
            }
            String text = pending.toString().replaceAll(" +", " ").trim();
            pending = null;
            if (text.startsWith(BUILD_FIRST)) {
                text = text.substring(BUILD_FIRST.length());
            }
            String command = text;
            if (JOB.stream().anyMatch(command::startsWith)) {
                commands.add(new Command(command, comment, page));
            }
            comment = "";
        }
        return commands;
    }
}
