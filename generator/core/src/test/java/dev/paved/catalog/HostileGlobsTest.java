package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Globs an author wrote that are not globs are problems to report, not a reason to stop (issue 15, item 4). */
class HostileGlobsTest {

    @Test
    void anInvalidGlobIsReportedAndTheRestIsBuilt(@TempDir Path out) throws IOException {
        Pipeline.Result result = Pipeline.build(ConfigReader.read(TestFiles.resource("hostile/globs"),
                new Diagnostics()).withOutput(out), Pipeline.Options.defaults());

        List<String> invalid = result.diagnostics().stream().map(Diagnostic::message)
                .filter(m -> m.contains("not a valid glob")).toList();
        assertEquals(List.of("Location target ./[.yaml is not a valid glob",
                "Location target ./*.{yaml is not a valid glob",
                "nav includes ./[*/mkdocs.yml, which is not a valid glob inside the repository"), invalid);
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.LOCATION_MISSING));
        assertTrue(Files.readString(out.resolve("docs/default/component/survivor/index.html")).contains("Still built"));
    }

    @Test
    void aGlobIsAMatcherOrNothing() {
        assertTrue(RepositoryFiles.glob("*/catalog-info.yaml").orElseThrow().matches(Path.of("a/catalog-info.yaml")));
        for (String notAGlob : List.of("./[.yaml", "*.{yaml", "[]", "{a,{b}")) {
            assertTrue(RepositoryFiles.glob(notAGlob).isEmpty(), notAGlob);
        }
    }
}
