package io.dkimtrend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main import each other without a cycle, in the order of the pipeline: at the
 * bottom what every step uses (model/, calendar/, monitor/), then the steps and what they read
 * (parse/, source/, dedup/, window/, alert/, config/, sink/, readback/, chart/), and on top the
 * launcher, the root package {@code io.dkimtrend}, which nothing imports. A package that imports one
 * above it fails here; see docs/design.md for where a class belongs.
 */
class PackageCyclesTest {

    private static final String ROOT = "io.dkimtrend";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
        assertThat(mainClasses.contain(DkimTrendJob.class)).isTrue();
    }

    /** Every package below the root, with its subpackages: no two import each other, even round a ring. */
    @Test
    void thePackagesBelowTheRootAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(mainClasses);
    }

    /**
     * {@code (*)} above never matches the root package itself, so a cycle through it would pass there:
     * here no class outside the root depends on one inside it, which rules such a cycle out.
     */
    @Test
    void nothingDependsOnTheLauncher() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .because("the root package is the launcher, on top of every other package")
                .check(mainClasses);
    }

    /**
     * The same two rules over the import lines of the sources: javac copies a constant (a
     * {@code static final} String or number) into the class that uses it, so an import that only reads
     * constants leaves no trace in the class files the rules above read.
     */
    @Test
    void theImportLinesOfTheSourcesAgree() throws IOException {
        Map<String, Set<String>> imports = sourceImports(Path.of("src", "main", "java"));

        assertThat(imports).containsKey(ROOT);
        imports.forEach((from, to) -> assertThat(to).as(from + " imports the root package").doesNotContain(ROOT));
        assertThat(cycle(imports)).as("a cycle of imports among the packages of src/main").isEmpty();
    }

    /** Package to the packages it imports from, the top-level package below the root standing for its subpackages. */
    private static Map<String, Set<String>> sourceImports(Path sources) throws IOException {
        Pattern importLine = Pattern.compile("^import (?:static )?(" + Pattern.quote(ROOT) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]",
                Pattern.MULTILINE);
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = slice(sources.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), "."));
                Set<String> to = imports.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher imported = importLine.matcher(Files.readString(file));
                while (imported.find()) {
                    String slice = slice(imported.group(1));
                    if (!slice.equals(from)) to.add(slice);
                }
            }
        }
        return imports;
    }

    private static String slice(String pkg) {
        if (!pkg.startsWith(ROOT + ".")) return pkg;
        int end = pkg.indexOf('.', ROOT.length() + 1);
        return end < 0 ? pkg : pkg.substring(0, end);
    }

    /** A cycle of the graph, as the packages round it, or empty. */
    private static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the current path, 2 done
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, graph, state, path)) return path;
        }
        return List.of();
    }

    private static boolean visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
            List<String> path) {
        Integer seen = state.get(node);
        if (seen != null) {
            if (seen == 2) return false;
            path.subList(0, path.indexOf(node)).clear();
            path.add(node);
            return true;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (visit(next, graph, state, path)) return true;
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return false;
    }
}
