package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.cli.CliRun;
import dev.paved.config.ConfigReader;
import dev.paved.crawl.GitServer;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden path end to end: the demo catalog's two service templates are run with {@code paved scaffold}, each
 * new service is pushed to an empty repository on a real smart-HTTP git server on loopback and registered in the
 * portal's paved.yaml, and the rebuilt portal crawls it and shows its page and its TechDocs.
 */
class ScaffoldRoundTripTest {

    @Test
    void scaffoldPushRegisterRebuild(@TempDir Path dir) throws Exception {
        Path served = dir.resolve("served");
        emptyRepository(served.resolve("tern-logistics/parcel-notifier.git"));
        emptyRepository(served.resolve("tern-logistics/label-printer.git"));
        Path project = dir.resolve("portal");
        Files.createDirectories(project);
        Files.writeString(project.resolve("paved.yaml"), "# The portal of the test\ntitle: Round trip\nsources:\n"
                + "  - " + TestFiles.projectRoot().resolve("catalog") + "\noutput: site\ncache: cache\n");

        try (GitServer server = GitServer.start(served)) {
            String base = server.url("x").replaceFirst("x\\.git$", "");
            String rewrite = "https://github.com/=" + base;

            Path javaValues = dir.resolve("java-values.yaml");
            Files.writeString(javaValues, """
                    name: parcel-notifier
                    description: 'Tells receivers where their parcel is: "out for delivery" & co.'
                    owner: group:default/team-parcels
                    system: parcel-tracking
                    database: postgresql
                    repoUrl: github.com?owner=tern-logistics&repo=parcel-notifier
                    """);
            CliRun java = cli("scaffold", "java-service", "-C", project.toString(), "--values", javaValues.toString(),
                    "-o", dir.resolve("parcel-notifier").toString(), "--git-url", rewrite);
            assertEquals(0, java.status(), java.out() + java.err());
            assertTrue(java.out().contains("pushed "), java.out());
            assertTrue(Files.isRegularFile(dir.resolve("parcel-notifier/src/main/resources/db/migration/V1__init.sql")),
                    "the optional migration folder, as database is postgresql");
            assertTrue(Files.isRegularFile(dir.resolve(
                    "parcel-notifier/src/main/java/com/ternlogistics/parcelnotifier/Application.java")));

            CliRun python = cli("scaffold", "python-service", "-C", project.toString(), "--set", "name=label-printer",
                    "--set", "description=Prints parcel labels on depot printers.", "--set",
                    "owner=group:default/team-parcels", "--set", "extraEndpoints=[/printers]", "--set",
                    "repoUrl=github.com?owner=tern-logistics&repo=label-printer", "-o",
                    dir.resolve("label-printer").toString(), "--git-url", rewrite);
            assertEquals(0, python.status(), python.out() + python.err());
            assertTrue(python.out().contains("Open in catalog: component:default/label-printer"), python.out());

            String config = Files.readString(project.resolve("paved.yaml"));
            assertTrue(config.startsWith("# The portal of the test\n"), "comments kept: " + config);
            assertTrue(config.contains("- {url: \"" + base + "tern-logistics/parcel-notifier.git\", branch: \"main\"}"), config);
            assertTrue(config.contains("- {url: \"" + base + "tern-logistics/label-printer.git\", branch: \"main\"}"), config);

            Diagnostics diagnostics = new Diagnostics();
            Pipeline.Result build = Pipeline.build(ConfigReader.read(project, diagnostics), Pipeline.Options.defaults());
            List<Diagnostic> errors = build.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
            assertEquals(List.of(), errors);
            Path site = build.output();

            String page = Files.readString(site.resolve("catalog/default/component/parcel-notifier/index.html"));
            assertTrue(page.contains("out for delivery"), "the description, quoted safely in the YAML");
            assertTrue(page.contains("team-parcels") && page.contains("parcel-tracking"), "owner and system");
            assertTrue(Files.readString(site.resolve("docs/default/component/parcel-notifier/index.html"))
                    .contains("parcel-notifier"));
            assertTrue(anyPageContains(site.resolve("docs/default/component/parcel-notifier"), "Flyway"),
                    "the operations page, with its PostgreSQL part");

            assertTrue(Files.readString(site.resolve("catalog/default/component/label-printer/index.html"))
                    .contains("Prints parcel labels"));
            assertTrue(anyPageContains(site.resolve("docs/default/component/label-printer"), "uvicorn label_printer.main:app"),
                    "the running page");
            assertTrue(anyPageContains(site.resolve("docs/default/component/label-printer"), "Describe what this endpoint"),
                    "the page each extra endpoint gets");
        }
    }

    private static boolean anyPageContains(Path folder, String text) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".html")).toList()) {
                if (Files.readString(p).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void emptyRepository(Path bare) throws Exception {
        try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("http", null, "receivepack", true);
            config.setBoolean("uploadpack", null, "allowFilter", true);
            config.setBoolean("uploadpack", null, "allowAnySHA1InWant", true);
            config.save();
        }
    }

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }
}
