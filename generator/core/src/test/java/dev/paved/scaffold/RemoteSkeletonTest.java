package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.crawl.GitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch:template} and {@code fetch:plain:file} with GitHub, GitLab and Gitea tree and blob URLs, fetched from
 * a real smart-HTTP git server (the hosts are sent there by {@code --git-url}): {@code tern/skeletons} has a
 * {@code java} skeleton on {@code main} and on the branch {@code release/1.0}, a LICENSE, and a folder whose link
 * points out of it.
 */
class RemoteSkeletonTest {

    private static final String TOKEN = "s3cr3t-token";

    @TempDir
    Path dir;

    private GitServer git;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void skeletonsRepository() throws Exception {
        Path work = dir.resolve("work");
        try (Git g = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            Files.createDirectories(work.resolve("java/bin"));
            Files.writeString(work.resolve("java/README.md"), "# ${{ values.name }}\n");
            Files.writeString(work.resolve("java/bin/run.sh"), "#!/bin/sh\necho ${{ values.name }}\n");
            work.resolve("java/bin/run.sh").toFile().setExecutable(true);
            Files.writeString(work.resolve("LICENSE"), "MIT ${{ not rendered }}\n");
            Files.createDirectories(work.resolve("leaky"));
            Files.writeString(work.resolve("leaky/a.txt"), "a\n");
            Files.createSymbolicLink(work.resolve("leaky/license"), Path.of("../LICENSE"));
            g.add().addFilepattern(".").call();
            g.commit().setMessage("skeletons").setSign(false).call();
            g.branchCreate().setName("release/1.0").call();
            g.checkout().setName("release/1.0").call();
            Files.writeString(work.resolve("java/README.md"), "# ${{ values.name }} (1.0)\n");
            g.commit().setAll(true).setMessage("1.0").setSign(false).call();
            Path bare = dir.resolve("served/tern/skeletons.git");
            Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
            g.push().setRemote(bare.toUri().toString()).setPushAll().call();
        }
        git = GitServer.start(dir.resolve("served"));
    }

    @AfterEach
    void stop() throws Exception {
        git.close();
    }

    @Test
    void githubTreeUrl() throws Exception {
        Path out = run(Map.of("name", "parcel", "skeleton", "https://github.example.com/tern/skeletons/tree/main/java",
                "file", "https://github.example.com/tern/skeletons/blob/main/LICENSE"));
        assertEquals("# parcel\n", Files.readString(out.resolve("README.md")));
        assertEquals("#!/bin/sh\necho parcel\n", Files.readString(out.resolve("bin/run.sh")));
        assertTrue(Files.isExecutable(out.resolve("bin/run.sh")));
        assertEquals("MIT ${{ not rendered }}\n", Files.readString(out.resolve("LICENSE")), "a blob, copied as it is");
        assertEquals(Set.of("README.md", "bin", "LICENSE"), Set.copyOf(names(out)), "only the folder named");
    }

    @Test
    void gitlabTreeUrlOnABranchWithASlash() throws Exception {
        Path out = run(Map.of("name", "parcel",
                "skeleton", "https://gitlab.example.com/tern/skeletons/-/tree/release/1.0/java"));
        assertEquals("# parcel (1.0)\n", Files.readString(out.resolve("README.md")));
    }

    @Test
    void giteaTreeUrl() throws Exception {
        Path out = run(Map.of("name", "parcel",
                "skeleton", "https://gitea.example.com/tern/skeletons/src/branch/main/java"));
        assertEquals("# parcel\n", Files.readString(out.resolve("README.md")));
        assertTrue(git.requests().stream().anyMatch(r -> r.contains("/git/tern/skeletons.git/")), git.requests()
                .toString());
    }

    @Test
    void anotherHostADotDotPathAndALinkOutAreRefused() throws Exception {
        TemplateException e = assertThrows(TemplateException.class, () -> run(Map.of("name", "p",
                "skeleton", "https://elsewhere.example/tern/skeletons/tree/main/java")));
        assertEquals("step 'fetch' (fetch:template): url 'https://elsewhere.example/tern/skeletons/tree/main/java' "
                + "is on elsewhere.example, which is not a git host this run knows (github.com, gitlab.com, and the "
                + "--api-url, --token-host and --git-url hosts)", e.getMessage());

        e = assertThrows(TemplateException.class, () -> run(Map.of("name", "p",
                "skeleton", "https://github.example.com/tern/skeletons/tree/main/java/%2e%2e/leaky")));
        assertTrue(e.getMessage().endsWith("cannot be fetched: its path has an empty, '.' or '..' segment, which "
                + "leads out of its folder"), e.getMessage());

        e = assertThrows(TemplateException.class, () -> run(Map.of("name", "p",
                "skeleton", "https://github.example.com/tern/skeletons/tree/main/leaky")));
        assertEquals("step 'fetch' (fetch:template): leaky/license of https://github.example.com/tern/skeletons/tree/"
                + "main/leaky is a symbolic link to ../LICENSE, out of the folder; nothing was written", e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/a.txt")));
        assertFalse(e.getMessage().contains(TOKEN));

        e = assertThrows(TemplateException.class, () -> run(Map.of("name", "p",
                "skeleton", "https://github.example.com/tern/skeletons/tree/nope/java")));
        assertTrue(e.getMessage().endsWith("has no branch or tag that https://github.example.com/tern/skeletons/tree/"
                + "nope/java names"), e.getMessage());
    }

    @Test
    void aDryRunChecksTheUrlWithoutTheNetwork() throws Exception {
        Scaffolder.run(SoftwareTemplate.read(TestFiles.resource("scaffold/templates/remote-skeleton/template.yaml")),
                Map.of("name", "p", "skeleton", "https://github.example.com/tern/skeletons/tree/main/java"),
                options(true));
        assertTrue(log.contains("  would fetch main/java of tern/skeletons on github.example.com (its files are not "
                + "listed in a dry run)"), log.toString());
        assertEquals(List.of(), git.requests());
    }

    private Path run(Map<String, Object> values) throws Exception {
        Scaffolder.run(SoftwareTemplate.read(TestFiles.resource("scaffold/templates/remote-skeleton/template.yaml")),
                values, options(false));
        return dir.resolve("out");
    }

    private Scaffolder.Options options(boolean dryRun) {
        String base = git.url("x").replaceFirst("x\\.git$", "");
        return new Scaffolder.Options(dir.resolve("out"), dryRun, Map.of(
                "https://github.example.com/", base, "https://gitlab.example.com/", base,
                "https://gitea.example.com/", base), null, Map.of(), TOKEN, log::add,
                Map.of("github.example.com", "https://github.example.com/api/v3"), Set.of());
    }

    private static List<String> names(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
