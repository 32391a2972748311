package dev.paved.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as CI and PR checks use it: exit codes and compiler-style output. */
class PavedCliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void validateExitsZeroOnACleanCatalog() {
        CliRun run = run("validate", TestFiles.projectRoot().resolve("catalog").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().trim().matches("\\d+ files checked: 0 errors, 0 warnings"), run.out());
    }

    @Test
    void validateExitsOneAndPointsAtTheLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: svc
                spec:
                  type: service
                  lifecycle: production
                """);
        CliRun run = run("validate", file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("catalog-info.yaml:6:3: error PAVED-E005: /spec must have required property 'owner'"),
                run.err());
    }

    @Test
    void warningsFailValidationOnlyWhenStrict(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: svc
                spec:
                  type: service
                  lifecycle: production
                  owner: nobody
                """);
        assertEquals(0, run("validate", file.toString()).status());
        CliRun strict = run("validate", "--strict", file.toString());
        assertEquals(1, strict.status());
        assertTrue(strict.err().contains(":8:10: error PAVED-W001: spec.owner refers to group:nobody"), strict.err());
    }

    @Test
    void buildPrintsOneSummaryLine(@TempDir Path out) {
        CliRun run = run("build", "-C", TestFiles.projectRoot().toString(), "-o", out.resolve("site").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().trim().matches("Built \\d+ entities, \\d+ pages, 0 warnings, 0 errors in [\\d.]+ s -> .*"),
                run.out());
    }

    @Test
    void aUsageErrorExitsTwo() {
        assertEquals(2, run("validate", "--format", "yaml-please", "x.yaml").status());
        assertEquals(2, run("validate").status());
    }

    @Test
    void machineFormatsGoToStandardOutput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("catalog-info.yaml"), "apiVersion: v1\nkind: Widget\n"
                + "metadata: {name: w}\nspec: {}\n");
        CliRun github = run("validate", "--format", "github", file.toString());
        assertEquals(1, github.status());
        assertTrue(github.out().startsWith("::error file="), github.out());
        assertTrue(run("validate", "-f", "sarif", file.toString()).out().contains("\"PAVED-E010\""));
    }

    @Test
    void searchAnswersFromABuiltSiteInTheTerminal(@TempDir Path dir) {
        Path site = dir.resolve("site");
        CliRun build = run("build", "-C", TestFiles.projectRoot().toString(), "-o", site.toString());
        assertEquals(0, build.status(), build.err());

        CliRun search = run("search", "billing api", "--site", site.toString(), "-n", "3");
        assertEquals(0, search.status(), search.err());
        assertTrue(search.out().startsWith(" 1. Billing API\n    API · openapi · Team Billing\n"
                + "    catalog/default/api/billing-api/index.html\n"), search.out());
        assertTrue(search.out().contains(" 3. "), "three results: " + search.out());
        assertTrue(!search.out().contains(" 4. "), "at most three: " + search.out());

        CliRun apis = run("search", "parcel", "--site", site.toString(), "--kind", "API", "--json");
        assertEquals(0, apis.status(), apis.err());
        assertTrue(apis.out().contains("\"url\" : \"catalog/default/api/parcel-events/index.html\""), apis.out());
        assertTrue(!apis.out().contains("catalog/default/component/"), "only APIs: " + apis.out());

        for (String odd : new String[] {"*", "\"", "", "x".repeat(10_000), "日本語 😀"}) {
            CliRun r = run("search", odd, "--site", site.toString());
            assertEquals(0, r.status(), "query of " + odd.length() + " chars: " + r.err());
            assertTrue(r.out().contains("results for") || r.out().contains("result for"), r.out());
        }
    }

    @Test
    void searchWithoutABuiltSiteSaysWhatToDo(@TempDir Path dir) {
        CliRun run = run("search", "billing", "--site", dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("no search index at") && run.err().contains("paved build"), run.err());
    }

    @Test
    void aSiteThatCannotBeWrittenIsOneLineNotAStackTrace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        CliRun run = run("build", "-C", TestFiles.projectRoot().toString(), "-o", file.resolve("site").toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().startsWith("paved build: Cannot write the portal to " + file.resolve("site")
                + ": cannot create a folder in " + file), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("paved build:")).count(), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void publishRefusesAFolderThatIsNotAFinishedBuild(@TempDir Path dir) throws Exception {
        Path half = Files.createDirectories(dir.resolve("site"));
        Files.writeString(half.resolve("index.html"), "");
        Path www = dir.resolve("www");
        CliRun run = run("publish", "--to", "dir:" + www, "--site", half.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().startsWith("paved publish: " + half + " is not a finished build of Paved"), run.err());
        assertTrue(run.err().contains("build the portal again (paved build)"), run.err());
        assertTrue(!Files.exists(www), "the target is not touched");
    }

    @Test
    void publishToAFolderDryRunFirst(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("site");
        assertEquals(0, run("build", "-C", TestFiles.projectRoot().toString(), "-o", site.toString()).status());
        Path www = dir.resolve("www");

        CliRun dry = run("publish", "--to", "dir:" + www, "--site", site.toString(), "--dry-run");
        assertEquals(0, dry.status(), dry.err());
        assertTrue(dry.out().contains("  write  index.html ("), dry.out());
        assertTrue(dry.out().contains("Dry run: 0 written"), dry.out());
        assertTrue(!Files.exists(www.resolve("index.html")), "a dry run writes nothing");

        CliRun real = run("publish", "--to", "dir:" + www, "--site", site.toString());
        assertEquals(0, real.status(), real.err());
        assertTrue(Files.isRegularFile(www.resolve("index.html")));
        assertTrue(Files.isRegularFile(www.resolve("404.html")), "static hosts need a 404 page");

        CliRun again = run("publish", "--to", "dir:" + www, "--site", site.toString());
        assertTrue(again.out().contains("Published: 0 written"), again.out());

        CliRun bad = run("publish", "--to", "ftp://host/x", "--site", site.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("use s3://bucket/prefix, git:<remote-url>#branch or dir:<path>"), bad.err());
    }

    @Test
    void scorecardGatePassesAndFails() {
        String root = TestFiles.projectRoot().toString();
        // Every demo service is at least bronze on production readiness (not on Delivery: most are not deployed
        // through the demo's GitOps folder).
        CliRun pass = run("scorecard", "-C", root, "--check", "--min-level", "bronze", "--scorecard",
                "production-readiness");
        assertEquals(0, pass.status(), pass.err());
        assertTrue(pass.out().contains("0 entities are below bronze"), pass.out());

        CliRun fail = run("scorecard", "-C", root, "--check", "--min-level", "gold", "--scorecard", "documentation");
        assertEquals(1, fail.status(), fail.out());
        assertTrue(fail.err().matches("(?s).*catalog/[^:]+\\.yaml:\\d+:\\d+: error PAVED-E025: .* is (bronze|silver) on "
                + "Documentation; gold needs: .*"), fail.err());

        CliRun github = run("scorecard", "-C", root, "--check", "--min-level", "gold", "--format", "github");
        assertEquals(1, github.status());
        assertTrue(github.out().contains("catalog/apis/billing-api.yaml,line=4,col=9,title=PAVED-E025"), github.out());

        CliRun list = run("scorecard", "-C", root);
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().matches("(?s).*component:billing-service +production-readiness +(bronze|silver|gold|none) +\\d+/7.*"),
                list.out());

        CliRun usage = run("scorecard", "-C", root, "--check");
        assertEquals(2, usage.status());
    }

    @Test
    void aShardIsKOfNAndNeedsTheCache() {
        CliRun bad = run("build", "--shard", "4/3");
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("1 <= K <= N"), bad.err());
        CliRun noCache = run("build", "--shard", "1/3", "--no-cache");
        assertEquals(2, noCache.status(), noCache.err());
        assertTrue(noCache.err().contains("cannot go with --no-cache"), noCache.err());
    }

    /** A problem in paved.yaml or what it names (an app-config that cannot be read) is one of the build's problems. */
    @Test
    void configurationProblemsCountInTheSummaryAndUnderStrict(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("paved.yaml"), "sources: [catalog]\nappConfig: app-config.yaml\n");
        Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(dir.resolve("catalog/catalog-info.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Group\n"
                + "metadata: {name: team-a}\nspec: {type: team, children: []}\n");
        CliRun run = run("build", "-C", dir.toString(), "-o", dir.resolve("site").toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(1, run.err().split("error PAVED-E016: Could not read", -1).length - 1, run.err());
        assertTrue(run.out().trim().matches("Built 1 entities, \\d+ pages, 0 warnings, 1 errors in [\\d.]+ s -> .*"),
                run.out());
        assertEquals(1, run("build", "-C", dir.toString(), "-o", dir.resolve("site").toString(), "--strict")
                .status());
    }

    @Test
    void scaffoldHelpSaysItsOutputIsTheNewProject() {
        CliRun help = run("scaffold", "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().matches("(?s).*-o, --output=DIR\\s+Where the new project is written.*"), help.out());
        assertFalse(help.out().contains("site"), help.out());
    }

    /** paved validate rejects a v1beta2 Template (PAVED-E010); paved scaffold refuses it with the same message. */
    @Test
    void scaffoldRefusesATemplateValidateRejects(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta2
                kind: Template
                metadata:
                  name: old-service
                spec:
                  owner: group:platform
                  type: service
                  steps:
                    - id: fetch
                      action: fetch:template
                      input:
                        url: ./skeleton
                        values:
                          name: '{{ parameters.name }}'
                """);
        String rejected = "template.yaml:1:13: error PAVED-E010: No processor recognized the entity as valid: "
                + "apiVersion \"scaffolder.backstage.io/v1beta2\"";
        CliRun validate = run("validate", file.toString());
        assertEquals(1, validate.status());
        assertTrue(validate.err().contains(rejected), validate.err());

        CliRun scaffold = run("scaffold", file.toString(), "--set", "name=x", "-o", dir.resolve("out").toString());
        assertEquals(1, scaffold.status(), scaffold.out());
        assertTrue(scaffold.err().contains(rejected), scaffold.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
