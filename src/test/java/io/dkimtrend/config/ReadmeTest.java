package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README and the docs are the reference users read: they must not fall behind the code. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    /** The page of the docs that holds the flag table. */
    private static final Path COMMAND_LINE = DOCS.resolve("command-line.md");
    /** A Markdown link or image, {@code [text](target)}: the target. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void documentsEveryFlag() throws Exception {
        String page = Files.readString(COMMAND_LINE);
        for (Flag flag : Flag.values()) {
            assertThat(page).as(COMMAND_LINE + " documents --" + flag.name).contains("`--" + flag.name);
        }
    }

    /**
     * The Default column of the flag table states the default of {@link Flag} (backticks aside; a
     * note in parentheses may follow it). A flag without one shows nothing, or prose and references
     * to other flags ({@code off}, {@code the cluster's}, {@code `--bootstrap-servers`}), never a value.
     */
    @Test
    void documentsEveryDefaultAsTheFlagTableHasIt() throws Exception {
        Map<String, String> defaults = documentedDefaults();
        for (Flag flag : Flag.values()) {
            assertThat(defaults).as(COMMAND_LINE + " has a row of --" + flag.name).containsKey(flag.name);
            String cell = defaults.get(flag.name);
            String unquoted = cell.replace("`", "");
            if (flag.defaultValue != null) {
                assertThat(unquoted.equals(flag.defaultValue) || unquoted.startsWith(flag.defaultValue + " ("))
                        .as("%s states the default of --%s as %s; the flag table has %s", COMMAND_LINE, flag.name,
                                cell, flag.defaultValue)
                        .isTrue();
            } else {
                assertThat(cell.isEmpty() || cell.startsWith("`--") || Character.isLetter(cell.charAt(0)))
                        .as("%s states a default of --%s (%s); the flag table has none", COMMAND_LINE, flag.name, cell)
                        .isTrue();
            }
        }
    }

    /** The Default cell of each row of the flag table, by flag name. */
    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> defaults = new HashMap<>();
        Pattern name = Pattern.compile("^`--([^ `]+)");
        for (String line : Files.readAllLines(COMMAND_LINE)) {
            if (!line.startsWith("| `--")) continue;
            String[] cells = line.split("(?<!\\\\)\\|");
            Matcher flag = name.matcher(cells[1].strip());
            assertThat(flag.find()).as(line).isTrue();
            defaults.put(flag.group(1), cells[2].strip());
        }
        return defaults;
    }

    @Test
    void itsTestCommandIsWhatCiRuns() throws Exception {
        String ci = Files.readString(Path.of(".ci", "run"));
        assertThat(ci).contains("mvn -B verify");
        assertThat(Files.readString(README)).contains("```bash\nmvn verify\n```");
    }

    @Test
    void theReadmeLinksEveryPageOfTheDocs() throws Exception {
        String readme = Files.readString(README);
        List<Path> pages = markdown(DOCS);
        assertThat(pages).isNotEmpty();
        for (Path page : pages) {
            assertThat(readme).as("README links " + page).containsPattern("\\]\\(docs/"
                    + Pattern.quote(page.getFileName().toString()) + "[#)]");
        }
    }

    /** Every relative link of the README, the docs and deploy/ names a file that exists, and a heading it has. */
    @Test
    void everyRelativeLinkResolves() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(README));
        pages.addAll(markdown(DOCS));
        pages.addAll(markdown(Path.of("deploy")));
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("[a-z][a-z0-9+.-]*:.*")) continue; // https:, mailto:
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                assertThat(resolved).as(page + " links " + target).exists();
                if (hash >= 0) {
                    assertThat(anchors(resolved)).as(page + " links " + target + ": the headings of " + resolved)
                            .contains(target.substring(hash + 1));
                }
                checked++;
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(20);
    }

    private static List<Path> markdown(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> path.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** The link targets of a page, outside code blocks and code spans. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.stripLeading().startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) continue;
            Matcher link = LINK.matcher(line.replaceAll("`[^`]*`(?!\\]\\()", "``"));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.stripLeading().startsWith("```")) code = !code;
            if (code || !line.matches("#{1,6} .*")) continue;
            String slug = line.replaceFirst("#+ ", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-');
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }
}
