package dev.paved.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.search.StaticIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved search}: answers a query from a built portal's static search index, as its search box does. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Searches a built portal from the terminal, with the same index files and ranking as the "
                + "portal's search box.")
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for, e.g. \"billing api\".")
    String query;

    @Option(names = "--site", paramLabel = "DIR",
            description = "The built site. Default: the output folder of the project's paved.yaml (target/site).")
    Path site;

    @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "How many results. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--kind", description = "Only results of this kind (Component, API, Docs, Page…).")
    String kind;

    @Option(names = "--type", description = "Only results of this type (service, openapi…).")
    String type;

    @Option(names = "--owner", description = "Only results owned by this team (its title as the portal shows it).")
    String owner;

    @Option(names = "--lifecycle", description = "Only results with this lifecycle.")
    String lifecycle;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = site != null ? site : ConfigReader.read(Path.of("."), new Diagnostics()).output();
        Map<String, String> filters = new LinkedHashMap<>();
        putIf(filters, "kind", kind);
        putIf(filters, "type", type);
        putIf(filters, "owner", owner);
        putIf(filters, "lifecycle", lifecycle);
        try {
            StaticIndex.Results results = StaticIndex.open(folder).search(query, filters, Math.max(0, limit));
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
                return 0;
            }
            int n = 1;
            for (StaticIndex.Hit hit : results.hits()) {
                out.printf("%2d. %s%n    %s%n    %s%n", n++, hit.title(), hit.context(), hit.url());
                if (!hit.excerpt().isEmpty()) {
                    String e = hit.excerpt();
                    out.println("    " + (e.length() > 160 ? e.substring(0, 160) + "…" : e));
                }
            }
            String shown = query.length() > 80 ? query.substring(0, 80) + "…" : query;
            out.println(results.total() + (results.total() == 1 ? " result" : " results") + " for \"" + shown
                    + "\"");
            return 0;
        } catch (IOException e) {
            err.println("paved search: " + e.getMessage());
            return 1;
        }
    }

    private static void putIf(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
