package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running templates: the steps and options of Backstage's scaffolder, and what a run must refuse. */
class ScaffolderTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void runsEveryStepWithItsOptions() throws Exception {
        SoftwareTemplate template = fixture("features");
        Path out = dir.resolve("out");
        Scaffolder.Result result = Scaffolder.run(template, Map.of("name", "parcel"), options(out, false));

        assertEquals("hello parcel on port 8080\n- alpha\n- beta\n", read(out, "parcel.txt"), "contents and names");
        assertFalse(Files.exists(out.resolve("optional.txt")), "a name that renders empty is skipped");
        assertEquals("run: echo ${{ github.sha }}\n", read(out, "raw/workflow.yml"), "copyWithoutTemplating");
        assertEquals("name: PARCEL\n", read(out, "ext/a.txt"), "templateFileExtension renders .njk, drops it");
        assertEquals("left as is: ${{ values.name }}\n", read(out, "ext/b.txt"), "other files are copied as they are");
        assertFalse(Files.exists(out.resolve("extra.yaml")), "if: false skips the step");
        assertTrue(read(out, "systems/beta.yaml").contains("name: beta"), "each");
        assertTrue(read(out, "systems/alpha.yaml").contains("- alpha\n"), "a single expression keeps its type: "
                + read(out, "systems/alpha.yaml"));
        assertTrue(read(out, "systems/beta.yaml").contains("backstage.io/source-template: template:default/features"),
                "catalog:write says which template made it, as Backstage's does: " + read(out, "systems/beta.yaml"));
        assertEquals("left as is: ${{ values.name }}\n", read(out, "copied/b.txt"), "fetch:plain:file");
        assertEquals(List.of(remote("acme/parcel") + "#main"), result.pushes());
        try (Git git = Git.cloneRepository().setURI(remote("acme/parcel")).setDirectory(dir.resolve("clone").toFile())
                .call()) {
            assertEquals(read(out, "parcel.txt"), read(dir.resolve("clone"), "parcel.txt"), "pushed");
            assertEquals("main", git.getRepository().getBranch());
        }
        assertTrue(log.contains("  contents at https://gitea.example.com/acme/parcel/src/branch/main/"),
                "steps.<id>.output: " + log);
        assertEquals(List.of(Map.of("title", "Repository", "url", "https://gitea.example.com/acme/parcel.git")),
                result.links(), "output links, without those whose if is false");
        assertEquals("The service listens on 8080.", result.text().get(0).get("content"));
        assertEquals(List.of("copied/b.txt", "ext/a.txt", "ext/b.txt", "parcel.txt", "raw/workflow.yml", "systems/alpha.yaml",
                "systems/beta.yaml"), result.files().stream().sorted().toList());
    }

    @Test
    void optionalFilesAppearWhenTheirNameRenders() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.run(fixture("features"), Map.of("name", "parcel", "withOptional", true, "extra", true),
                options(out, true));
        Scaffolder.run(fixture("features"), Map.of("name", "parcel", "withOptional", true, "extra", true),
                options(out, false));
        assertEquals("optional for parcel\n", read(out, "optional.txt"));
        assertTrue(Files.exists(out.resolve("extra.yaml")));
    }

    @Test
    void cookiecutterCompatRendersDoubleBracesAndTheCookiecutterName() throws Exception {
        Path template = dir.resolve("cc");
        Files.createDirectories(template.resolve("skeleton"));
        Files.writeString(template.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: cc}
                spec:
                  type: service
                  steps:
                    - id: fetch
                      action: fetch:template
                      input:
                        url: ./skeleton
                        cookiecutterCompat: true
                        values: {name: parcel, tags: [a, b]}
                """);
        Files.writeString(template.resolve("skeleton/{{ cookiecutter.name }}.txt"),
                "{{ cookiecutter.name | upper }} ${{ values.name }} {{ cookiecutter.tags | jsonify }}\n");
        Path out = dir.resolve("out");
        Scaffolder.run(SoftwareTemplate.read(template.resolve("template.yaml")), Map.of(), options(out, false));
        assertEquals("PARCEL parcel [\"a\",\"b\"]\n", read(out, "parcel.txt"));
    }

    @Test
    void aDryRunWritesNothingAndSaysWhatItWouldDo() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.Result result = Scaffolder.run(fixture("features"), Map.of("name", "parcel"), options(out, true));
        assertFalse(Files.exists(out), "nothing written");
        assertEquals(7, result.files().size(), result.files().toString());
        assertTrue(log.contains("  would push . to " + remote("acme/parcel") + " (branch main)"), log.toString());
    }

    @Test
    void invalidValuesAreNamedPerFieldBeforeAnythingIsWritten() throws Exception {
        SoftwareTemplate template = fixture("features");
        List<String> problems = Scaffolder.check(template, Map.of("name", "Not Valid", "port", "eighty"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("name: ") && problems.get(0).contains("pattern"), problems.get(0));
        assertTrue(problems.get(1).startsWith("port: ") && problems.get(1).contains("integer"), problems.get(1));
        assertTrue(Scaffolder.check(template, Map.of()).get(0).contains("required property 'name'"));
        Path out = dir.resolve("out");
        assertThrows(TemplateException.class, () -> Scaffolder.run(template, Map.of(), options(out, false)));
        assertFalse(Files.exists(out));
    }

    @Test
    void repoUrlPickerLimitsAreCheckedAsTheFormChecksThem() throws Exception {
        SoftwareTemplate demo = SoftwareTemplate.read(TestFiles.projectRoot().resolve(
                "catalog/templates/python-service/template.yaml"));
        Map<String, Object> values = Map.of("name", "label-printer", "description", "Prints labels.",
                "owner", "group:default/team-parcels", "repoUrl", "gitlab.com?owner=someone&repo=label-printer");
        assertEquals(List.of("repoUrl: the host 'gitlab.com' is not one of [\"github.com\"] [page 2, Runtime and repository]",
                        "repoUrl: the owner 'someone' is not one of [\"tern-logistics\"] [page 2, Runtime and repository]"),
                Scaffolder.check(demo, values));
    }

    @Test
    void anUnknownActionIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path copy = copyFixture("features");
        Path file = copy.resolve("template.yaml");
        Files.writeString(file, Files.readString(file).replace("action: debug:log", "action: acme:deploy"));
        Path out = dir.resolve("out");
        TemplateException e = assertThrows(TemplateException.class, () ->
                Scaffolder.run(SoftwareTemplate.read(file), Map.of("name", "parcel"), options(out, false)));
        assertTrue(e.getMessage().contains("step 'log' (acme:deploy): the action acme:deploy is not one Paved runs"),
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFileNameThatLeadsOutOfTheOutputFolderIsRefused() throws Exception {
        Path out = dir.resolve("deep/out");
        for (String path : List.of("../../escaped.txt", "sub/../../escaped.txt")) {
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("escape"),
                    Map.of("path", path), options(out, false)));
            assertTrue(e.getMessage().contains("leads out of the output folder"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(dir.resolve("deep/escaped.txt")));
        // An absolute name is how Backstage templates skip a file whose folder rendered empty.
        Scaffolder.Result r = Scaffolder.run(fixture("escape"), Map.of("path", "/etc/passwd"), options(out, false));
        assertEquals(List.of("a.txt"), r.files());
    }

    @Test
    void aTemplateCannotWriteIntoAGitFolder() throws Exception {
        Path out = dir.resolve("out");
        for (String path : List.of(".git/hooks/pre-commit", "sub/.GIT/config", ".git. /HEAD")) {
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("escape"),
                    Map.of("path", path), options(out, false)));
            assertTrue(e.getMessage().contains("inside a .git folder"), e.getMessage());
        }
        assertFalse(Files.exists(out.resolve(".git/hooks")));
    }

    @Test
    void theTokenGoesOnlyToItsHosts() throws Exception {
        List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            x.sendResponseHeaders(401, -1);
            x.close();
        });
        server.start();
        try {
            Path copy = copyFixture("escape");
            Path file = copy.resolve("template.yaml");
            Files.writeString(file, Files.readString(file) + "    - id: publish\n      action: publish:git\n"
                    + "      input:\n        remoteUrl: http://127.0.0.1:" + server.getAddress().getPort()
                    + "/someone/else.git\n");
            Scaffolder.Options withToken = new Scaffolder.Options(dir.resolve("out"), false, Map.of(), null, Map.of(),
                    "s3cr3t", log::add);
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                    SoftwareTemplate.read(file), Map.of("path", "b.txt"), withToken));
            assertTrue(e.getMessage().contains("cannot push"), e.getMessage());
            assertTrue(log.stream().anyMatch(l -> l.contains("PAVED_GIT_TOKEN is not sent to 127.0.0.1")), log.toString());
            assertEquals(List.of(), authorizations, "no credentials were offered to a host the user did not name");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void eachCollectsOutputsPerKeyAndChecksIfPerItem() throws Exception {
        Path template = dir.resolve("each");
        Files.createDirectories(template.resolve("skeleton"));
        Files.writeString(template.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: each}
                spec:
                  type: service
                  steps:
                    - id: repos
                      each: ['a', 'b', 'c']
                      if: ${{ each.value != 'b' }}
                      action: publish:gitea
                      input:
                        repoUrl: gitea.example.com?owner=acme&repo=${{ each.value }}-${{ each.key }}
                    - id: show
                      if: 'false'
                      action: debug:log
                      input:
                        message: ${{ steps.repos.output.remoteUrl | join(' ') }}
                """);
        Scaffolder.run(SoftwareTemplate.read(template.resolve("template.yaml")), Map.of(), options(dir.resolve("out"), true));
        assertTrue(log.contains("  https://gitea.example.com/acme/a-0.git https://gitea.example.com/acme/c-2.git"),
                "outputs of each are lists per key; if is checked per item; the string 'false' is true: " + log);
    }

    @Test
    void aFolderIsNotAFile() throws Exception {
        Path copy = copyFixture("features");
        Path file = copy.resolve("template.yaml");
        Files.writeString(file, Files.readString(file).replace("filePath: systems/${{ each.value }}.yaml", "filePath: ."));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(file),
                Map.of("name", "parcel"), options(dir.resolve("out"), false)));
        assertTrue(e.getMessage().startsWith("step 'systems' (catalog:write)") && e.getMessage().contains("is a folder"),
                e.getMessage());
    }

    @Test
    void aSkeletonSymlinkOutOfTheSkeletonIsRefused() throws Exception {
        Path copy = copyFixture("escape");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(copy.resolve("skeleton/link.txt"), dir.resolve("secret.txt"));
        Path out = dir.resolve("out");
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                SoftwareTemplate.read(copy.resolve("template.yaml")), Map.of("path", "b.txt"), options(out, false)));
        assertTrue(e.getMessage().contains("link.txt is a symbolic link"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aSymlinkInTheOutputFolderCannotCarryAWriteOutside() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("sub"), dir.resolve("elsewhere"));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("escape"),
                Map.of("path", "sub/file.txt"), options(out, false)));
        assertTrue(e.getMessage().contains("symbolic link sub"), e.getMessage());
        try (Stream<Path> s = Files.list(dir.resolve("elsewhere"))) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void urlsAndTargetsStayInsideTheirFolders() throws Exception {
        Path copy = copyFixture("escape");
        Path file = copy.resolve("template.yaml");
        String yaml = Files.readString(file);
        Files.writeString(file, yaml.replace("url: ./skeleton", "url: ../../.."));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(file),
                Map.of("path", "x"), options(dir.resolve("out"), false)));
        assertTrue(e.getMessage().contains("leads out of the template's repository"), e.getMessage());

        Files.writeString(file, yaml.replace("url: ./skeleton", "url: ./skeleton\n        targetPath: /tmp/abs"));
        e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(file),
                Map.of("path", "x"), options(dir.resolve("out"), false)));
        assertTrue(e.getMessage().contains("is an absolute path"), e.getMessage());
    }

    /**
     * Red Hat Developer Hub's template repositories share skeletons: {@code url: ../../../skeletons/service}. Run by
     * its file or by its name in the catalog, a template may read what its repository holds and nothing outside it,
     * refused with the same message.
     */
    @Test
    void aTemplateReadsInsideItsRepositoryWhetherRunByPathOrByName() throws Exception {
        Path repository = copy(TestFiles.resource("scaffold/repository"), dir.resolve("repository"));
        Files.createDirectory(repository.resolve(".git"));
        Path file = repository.resolve("templates/github/service/template.yaml");
        EntityRef ref = EntityRef.parse("template:shared-skeleton-service", "template", EntityRef.DEFAULT_NAMESPACE);

        List<SoftwareTemplate> ways = List.of(SoftwareTemplate.read(file), byName(repository, ref));
        for (int i = 0; i < ways.size(); i++) {
            Path out = dir.resolve("out" + i);
            Scaffolder.run(ways.get(i), Map.of("name", "parcel"), options(out, false));
            assertTrue(read(out, "README.md").startsWith("# parcel"), read(out, "README.md"));
        }

        Files.createDirectories(dir.resolve("skeletons/service"));
        Files.writeString(file, Files.readString(file).replace("../../../skeletons", "../../../../skeletons"));
        List<String> refusals = new ArrayList<>();
        for (SoftwareTemplate way : List.of(SoftwareTemplate.read(file), byName(repository, ref))) {
            refusals.add(assertThrows(TemplateException.class, () -> Scaffolder.run(way, Map.of("name", "parcel"),
                    options(dir.resolve("out-outside"), false))).getMessage());
        }
        assertEquals(refusals.get(0), refusals.get(1), "one rule, one message");
        assertTrue(refusals.get(0).contains("leads out of the template's repository"), refusals.get(0));
    }

    /** A template that Backstage's catalog rejects (the older v1beta2) is refused before it runs, with the reason. */
    @Test
    void aTemplateTheCatalogRejectsIsRefusedBeforeItRuns() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> SoftwareTemplate.read(TestFiles.resource("scaffold/v1beta2/template.yaml")));
        assertTrue(e.getMessage().contains("template.yaml:2:13: error PAVED-E010: No processor recognized the entity "
                + "as valid: apiVersion \"scaffolder.backstage.io/v1beta2\""), e.getMessage());
    }

    private static SoftwareTemplate byName(Path repository, EntityRef ref) {
        Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(repository)), new Diagnostics());
        return SoftwareTemplate.of(catalog.find(ref).orElseThrow());
    }

    @Test
    void aFailingExpressionNamesTheStepOrFile() throws Exception {
        Path copy = copyFixture("features");
        Path file = copy.resolve("template.yaml");
        Files.writeString(file, Files.readString(file).replace("${{ parameters.name | upper }}",
                "${{ parameters.name | nosuchfilter }}"));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(file),
                Map.of("name", "parcel"), options(dir.resolve("out"), false)));
        assertTrue(e.getMessage().startsWith("step 'ext' (fetch:template)"), e.getMessage());
        assertTrue(e.getMessage().contains("nosuchfilter"), e.getMessage());

        Files.writeString(copy.resolve("skeleton/broken.txt"), "line 1\n{% if values.name %}never closed\n");
        e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(file),
                Map.of("name", "parcel"), options(dir.resolve("out2"), false)));
        assertTrue(e.getMessage().contains("./skeleton/broken.txt"), e.getMessage());
    }

    @Test
    void registeringAddsTheRepositoryToPavedYamlKeepingItsComments() throws Exception {
        Path config = dir.resolve("paved.yaml");
        Files.writeString(config, "# our portal\ntitle: Portal\nrepositories:\n    # the first one\n"
                + "    - https://git.example.com/a.git\noutput: site\n");
        assertTrue(RepositoryList.add(config, "https://git.example.com/b.git", "main", "catalog-info.yaml"));
        assertFalse(RepositoryList.add(config, "https://git.example.com/b.git", "main", "catalog-info.yaml"));
        assertEquals("# our portal\ntitle: Portal\nrepositories:\n    # the first one\n"
                + "    - https://git.example.com/a.git\n    - {url: \"https://git.example.com/b.git\", branch: \"main\"}\n"
                + "output: site\n", Files.readString(config));

        Path bare = dir.resolve("bare.yaml");
        Files.writeString(bare, "title: Portal\n");
        RepositoryList.add(bare, "https://h/x.git", "trunk", ".backstage/catalog.yaml");
        assertEquals("title: Portal\n\nrepositories:\n  - {url: \"https://h/x.git\", branch: \"trunk\", catalogPath: "
                + "\".backstage/catalog.yaml\"}\n", Files.readString(bare));

        // Values come from a template: nothing but a URL, a branch and a path gets in.
        assertThrows(TemplateException.class, () -> RepositoryList.add(bare, "https://h/y.git", "main, token: AWS_SECRET",
                "catalog-info.yaml"));
        assertThrows(TemplateException.class, () -> RepositoryList.add(bare, "https://h/y.git, token: X", "main",
                "catalog-info.yaml"));
        assertThrows(TemplateException.class, () -> RepositoryList.add(bare, "https://h/y.git", "main",
                "x.yaml}, {url: https://evil"));
        assertFalse(Files.readString(bare).contains("token"));
        // Nor a password: it would be in paved.yaml, and shown.
        TemplateException e = assertThrows(TemplateException.class, () -> RepositoryList.add(bare,
                "https://ann:hunter2@h/y.git", "main", "catalog-info.yaml"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(Files.readString(bare).contains("hunter2"));
        RepositoryList.add(bare, "ssh://git@h/z.git", "main", "catalog-info.yaml");
        assertTrue(Files.readString(bare).contains("ssh://git@h/z.git"), "a user without a password is fine");
    }

    /** Pushes for gitea.example.com go to empty bare repositories under remotes/, as a file:// remote. */
    private Scaffolder.Options options(Path out, boolean dryRun) throws IOException {
        Path remotes = dir.resolve("remotes");
        try {
            if (!Files.exists(remotes.resolve("acme/parcel.git"))) {
                Git.init().setBare(true).setInitialBranch("main").setDirectory(remotes.resolve("acme/parcel.git").toFile())
                        .call().close();
            }
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
        return new Scaffolder.Options(out, dryRun, Map.of("https://gitea.example.com/", remotes.toUri().toString()),
                null, Map.of(), null, log::add);
    }

    private String remote(String name) {
        return dir.resolve("remotes").toUri() + name + ".git";
    }

    private SoftwareTemplate fixture(String name) throws IOException {
        return SoftwareTemplate.read(copyFixture(name).resolve("template.yaml"));
    }

    private Path copyFixture(String name) throws IOException {
        return TemplateFixtures.copy(name, dir);
    }

    private static Path copy(Path from, Path to) throws IOException {
        if (!Files.exists(to)) {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
        return to;
    }

    private static String read(Path out, String file) throws IOException {
        return Files.readString(out.resolve(file));
    }
}
