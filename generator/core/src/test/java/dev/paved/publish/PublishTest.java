package dev.paved.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.io.WorkFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Publishing the demo portal to a real S3-compatible server on loopback (S3Proxy), to a git branch of a real bare
 * repository and to a folder: what is written, in which order, and what a reader sees when a publish fails midway.
 */
class PublishTest {

    private static final Publisher.Options OPTIONS = Publisher.Options.defaults();
    private static final List<String> LOG = new ArrayList<>();

    @TempDir
    static Path built;

    private static Path site;

    @BeforeAll
    static void buildDemoPortal() throws IOException {
        site = built.resolve("site");
        Pipeline.build(ConfigReader.read(TestFiles.projectRoot(), new Diagnostics()).withOutput(site), Pipeline.Options.defaults());
    }

    /** A copy of the demo site to change. */
    private static Path copyOfSite(Path dir) throws IOException {
        Path copy = dir.resolve("copy");
        try (Stream<Path> files = Files.walk(site)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(site.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return copy;
    }

    private static Path anyDocsPage(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            return files.filter(f -> f.toString().endsWith(".html")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void s3PublishWritesEverythingOnceThenOnlyWhatChanged(@TempDir Path dir) throws Exception {
        Path copy = copyOfSite(dir);
        try (S3Server server = S3Server.start(dir.resolve("objects")); S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("portal"));
            S3Target target = new S3Target(s3, "portal", "prod");
            int files = PublishPlan.siteFiles(copy).size();

            Publisher.Result first = Publisher.publish(copy, target, OPTIONS, LOG::add);
            assertTrue(first.ok(), first.summary());
            assertEquals(files, first.written(), "a first publish writes every file");
            assertEquals(files, keys(s3).size());
            assertFalse(keys(s3).contains("prod/.paved-site"), "the build marker is not published");

            // Content types and cache lifetimes, as a browser and a CDN need them.
            assertServed(s3, "prod/index.html", "text/html; charset=utf-8", ServedAs.SHORT);
            assertServed(s3, "prod/search/manifest.json", "application/json", ServedAs.SHORT);
            String css = keys(s3).stream().filter(k -> k.matches("prod/assets/paved\\.[0-9a-f]+\\.css")).findFirst()
                    .orElseThrow();
            assertServed(s3, css, "text/css; charset=utf-8", ServedAs.IMMUTABLE);
            String shard = keys(s3).stream().filter(k -> k.matches("prod/search/t/0\\.[0-9a-f]{6}\\.bin"))
                    .findFirst().orElseThrow();
            assertServed(s3, shard, "application/octet-stream", ServedAs.IMMUTABLE);
            assertServed(s3, "prod/catalog.json", "application/json", ServedAs.DEFAULT);

            // One docs page changes: one object is written.
            Path page = anyDocsPage(copy);
            Files.writeString(page, Files.readString(page).replace("</main>", "<p>Changed.</p></main>"));
            Publisher.Result second = Publisher.publish(copy, target, OPTIONS, LOG::add);
            assertEquals(1, second.written(), second.summary());
            assertEquals(files - 1, second.plan().unchanged());
            assertEquals("<p>Changed.</p>", Jsoup.parse(get(s3, "prod/" + copy.relativize(page).toString()
                    .replace('\\', '/'))).select("main p").last().outerHtml());

            // A page disappears: it is deleted, and nothing else is touched.
            Files.delete(page);
            Publisher.Result third = Publisher.publish(copy, target, OPTIONS, LOG::add);
            assertEquals(0, third.written());
            assertEquals(1, third.deleted(), third.summary());
            assertEquals(files - 1, keys(s3).size());

            // Nothing changed: nothing written.
            assertEquals(0, Publisher.publish(copy, target, OPTIONS, LOG::add).written());
        }
    }

    @Test
    void aBuildThatLostMostPagesDoesNotWipeThePortal(@TempDir Path dir) throws Exception {
        Path copy = copyOfSite(dir);
        try (S3Server server = S3Server.start(dir.resolve("objects")); S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("portal"));
            S3Target target = new S3Target(s3, "portal", "");
            Publisher.publish(copy, target, OPTIONS, LOG::add);
            int before = keys(s3).size();

            // A rebuilt search index replaces content-hashed files: superseded versions are not lost pages, and
            // their deletion is not capped.
            int renamed = 0;
            try (var index = Files.walk(copy.resolve("search"))) {
                for (Path file : index.filter(f -> f.getFileName().toString().matches(".+\\.[0-9a-f]{6}\\..+"))
                        .toList()) {
                    String name = file.getFileName().toString();
                    Files.move(file, file.resolveSibling(name.replaceFirst("\\.[0-9a-f]{6}\\.", ".abcdef.")));
                    renamed++;
                }
            }
            assertTrue(renamed > 5, "index files: " + renamed);
            Publisher.Result reindexed = Publisher.publish(copy, target, new Publisher.Options(false, 2, "x"),
                    LOG::add);
            assertTrue(reindexed.ok(), reindexed.summary());
            assertEquals(renamed, reindexed.deleted());
            assertEquals(before, keys(s3).size());

            WorkFolder.deleteTree(copy.resolve("docs"));

            Publisher.Result capped = Publisher.publish(copy, target, new Publisher.Options(false, 5, "x"), LOG::add);
            assertTrue(capped.deletesRefused(), capped.summary());
            assertFalse(capped.ok());
            assertEquals(before, keys(s3).size(), "nothing was deleted");

            Publisher.Result dry = Publisher.publish(copy, target, new Publisher.Options(true, -1, "x"), LOG::add);
            assertEquals(0, dry.deleted(), "a dry run changes nothing");
            assertEquals(before, keys(s3).size());

            Publisher.Result allowed = Publisher.publish(copy, target, new Publisher.Options(false, -1, "x"),
                    LOG::add);
            assertTrue(allowed.ok(), allowed.summary());
            assertEquals(before - allowed.deleted(), keys(s3).size());
            assertTrue(allowed.deleted() > 5);
        }
    }

    @Test
    void aPublishStoppedMidwayLeavesTheOldSiteWorkingAndTheNextConverges(@TempDir Path dir) throws Exception {
        Path v1 = copyOfSite(dir.resolve("v1"));
        Path v2 = newVersion(copyOfSite(dir.resolve("v2")));
        Path objects = dir.resolve("objects");
        S3Server server = S3Server.start(objects);
        try (S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("portal"));
            Publisher.publish(v1, new S3Target(s3, "portal", ""), OPTIONS, LOG::add);

            // The server goes away after a few writes of the next publish.
            S3Target real = new S3Target(s3, "portal", "");
            int[] writes = {0};
            PublishTarget failing = new ForwardingTarget(real) {
                @Override
                public void put(SiteFile file) throws IOException {
                    if (++writes[0] == 6) {
                        try {
                            server.stop();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    super.put(file);
                }
            };
            Publisher.Result broken = Publisher.publish(v2, failing, OPTIONS, LOG::add);
            assertNotNull(broken.failure(), "the publish should have failed: " + broken.summary());
            assertEquals(5, broken.written());
        }
        try (S3Server again = S3Server.start(objects); S3Client s3 = again.client()) {
            // Meanwhile, readers see a whole site: the old entry point, every link of every page resolving.
            assertEquals(Files.readString(v1.resolve("index.html")), get(s3, "index.html"),
                    "the old home page is still served");
            assertEveryLinkResolves(s3);

            Publisher.Result rerun = Publisher.publish(v2, new S3Target(s3, "portal", ""), OPTIONS, LOG::add);
            assertTrue(rerun.ok(), rerun.summary());
            Set<String> expected = new TreeSet<>();
            PublishPlan.siteFiles(v2).forEach(f -> expected.add(f.path()));
            assertEquals(expected, keys(s3), "the bucket holds exactly the new site");
            assertEquals(Files.readString(v2.resolve("index.html")), get(s3, "index.html"));
            assertEveryLinkResolves(s3);
        }
    }

    /** The next version of a site: its stylesheet changed (so every page did) and a new page linked from home. */
    private static Path newVersion(Path site) throws IOException {
        Path assets = site.resolve("assets");
        Path css;
        try (Stream<Path> s = Files.list(assets)) {
            css = s.filter(p -> p.getFileName().toString().matches("paved\\.[0-9a-f]+\\.css")).findFirst()
                    .orElseThrow();
        }
        String oldName = css.getFileName().toString();
        String newName = "paved.0123456789.css";
        Files.writeString(assets.resolve(newName), Files.readString(css) + "\nbody { margin: 0; }\n");
        Files.delete(css);
        try (Stream<Path> s = Files.walk(site)) {
            for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".html"))::iterator) {
                Files.writeString(f, Files.readString(f).replace(oldName, newName));
            }
        }
        Files.createDirectories(site.resolve("guides/new"));
        Files.writeString(site.resolve("guides/new/index.html"), "<!DOCTYPE html><title>New</title><p>New</p>");
        Path home = site.resolve("index.html");
        Files.writeString(home, Files.readString(home).replace("</main>",
                "<a href=\"guides/new/index.html\">New</a></main>"));
        return site;
    }

    /** Every relative href and src of every HTML object names an object in the bucket. */
    private static void assertEveryLinkResolves(S3Client s3) {
        Set<String> keys = keys(s3);
        List<String> broken = new ArrayList<>();
        for (String key : keys) {
            if (!key.endsWith(".html")) {
                continue;
            }
            Document page = Jsoup.parse(get(s3, key), "http://portal.test/" + key);
            for (Element e : page.select("[href], [src]")) {
                String url = e.hasAttr("href") ? e.absUrl("href") : e.absUrl("src");
                if (!url.startsWith("http://portal.test/")) {
                    continue;
                }
                String path = url.substring("http://portal.test/".length()).replaceAll("[#?].*$", "");
                path = java.net.URLDecoder.decode(path, StandardCharsets.UTF_8);
                if (path.isEmpty() || path.endsWith("/")) {
                    path += "index.html";
                }
                if (!keys.contains(path)) {
                    broken.add(key + " -> " + path);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void gitBranchGetsOneCommitPerPublish(@TempDir Path dir) throws Exception {
        Path copy = copyOfSite(dir);
        Path remote = dir.resolve("pages.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        String url = remote.toUri().toString();

        Publisher.Result first;
        try (GitBranchTarget target = new GitBranchTarget(url, "gh-pages", false, Optional.of("portal.example.com"),
                Optional.empty())) {
            first = Publisher.publish(copy, target, OPTIONS, LOG::add);
        }
        assertTrue(first.ok(), first.summary());
        Path page = anyDocsPage(copy);
        Files.writeString(page, Files.readString(page) + "<!-- changed -->");
        try (GitBranchTarget target = new GitBranchTarget(url, "gh-pages", false, Optional.of("portal.example.com"),
                Optional.empty())) {
            Publisher.Result second = Publisher.publish(copy, target, OPTIONS, LOG::add);
            assertEquals(1, second.written(), second.summary());
        }
        try (GitBranchTarget target = new GitBranchTarget(url, "gh-pages", false, Optional.of("portal.example.com"),
                Optional.empty())) {
            Publisher.Result none = Publisher.publish(copy, target, OPTIONS, LOG::add);
            assertEquals(0, none.written());
            assertEquals(target.head(), Git.open(remote.toFile()).getRepository().resolve("refs/heads/gh-pages"));
        }

        try (Repository repo = Git.open(remote.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(repo.resolve("refs/heads/gh-pages"));
            Set<String> files = files(repo, head);
            assertTrue(files.containsAll(Set.of("index.html", ".nojekyll", "CNAME", "search/manifest.json")),
                    files.toString());
            assertEquals(PublishPlan.siteFiles(copy).size() + 2, files.size(), "the site, .nojekyll and CNAME");
            assertEquals(1, head.getParentCount(), "history is kept; a publish with no change made no commit");
            assertEquals(0, walk.parseCommit(head.getParent(0)).getParentCount());
        }

        try (GitBranchTarget target = new GitBranchTarget(url, "gh-pages", true, Optional.empty(), Optional.empty())) {
            Publisher.publish(copy, target, OPTIONS, LOG::add);
        }
        try (Repository repo = Git.open(remote.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
            assertEquals(0, walk.parseCommit(repo.resolve("refs/heads/gh-pages")).getParentCount(),
                    "squashed: a single commit");
        }
    }

    @Test
    void folderTargetMirrorsTheSiteAndRefusesAForeignFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("www");
        Publisher.Result r = Publisher.publish(site, new DirectoryTarget(out), OPTIONS, LOG::add);
        assertTrue(r.ok(), r.summary());
        assertEquals(Files.readString(site.resolve("index.html")), Files.readString(out.resolve("index.html")));
        assertEquals(0, Publisher.publish(site, new DirectoryTarget(out), OPTIONS, LOG::add).written());

        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("precious.txt"), "keep me");
        IOException e = assertThrows(IOException.class, () -> new DirectoryTarget(foreign));
        assertTrue(e.getMessage().contains("did not publish"), e.getMessage());
        assertEquals("keep me", Files.readString(foreign.resolve("precious.txt")));
    }

    @Test
    void aFolderThatIsNotAFinishedBuildIsRefusedBeforeTheTargetIsTouched(@TempDir Path dir) throws Exception {
        Path copy = copyOfSite(dir);
        Path www = dir.resolve("www");
        String target = "dir:" + www;

        // A page cut short, as a full disk leaves it.
        Path page = anyDocsPage(copy);
        byte[] whole = Files.readAllBytes(page);
        Files.write(page, new byte[0]);
        IOException truncated = assertThrows(IOException.class, () -> Pipeline.publish(copy, target,
                PublishTargets.Options.none(), OPTIONS, LOG::add));
        String shown = copy.relativize(page).toString().replace('\\', '/');
        assertTrue(truncated.getMessage().contains("is not the build Paved finished: 1 of its "), truncated.getMessage());
        assertTrue(truncated.getMessage().contains(shown + " has 0 bytes, the build wrote " + whole.length),
                truncated.getMessage());
        assertFalse(Files.exists(www), "the target is not touched");

        // A page lost.
        Files.delete(page);
        IOException missing = assertThrows(IOException.class, () -> Pipeline.publish(copy, target,
                PublishTargets.Options.none(), OPTIONS, LOG::add));
        assertTrue(missing.getMessage().contains(shown + " is missing"), missing.getMessage());

        // No manifest: the build did not finish, or Paved did not build the folder.
        Files.write(page, whole);
        Files.delete(copy.resolve(".paved-site"));
        IOException unfinished = assertThrows(IOException.class, () -> Pipeline.publish(copy, target,
                PublishTargets.Options.none(), OPTIONS, LOG::add));
        assertTrue(unfinished.getMessage().contains("is not a finished build of Paved"), unfinished.getMessage());
        assertFalse(Files.exists(www));

        // The build as it was finished is published.
        Files.copy(site.resolve(".paved-site"), copy.resolve(".paved-site"));
        assertTrue(Pipeline.publish(copy, target, PublishTargets.Options.none(), OPTIONS, LOG::add).ok());
        assertEquals(Files.readString(site.resolve("index.html")), Files.readString(www.resolve("index.html")));
    }

    @Test
    void aFolderPublishRemovesTheTemporaryFilesOfAKilledOne(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("www");
        assertTrue(Publisher.publish(site, new DirectoryTarget(out), OPTIONS, LOG::add).ok());
        // What a publish killed while copying leaves: a file beside its place, never moved in.
        Path page = anyDocsPage(out);
        Path leftover = page.resolveSibling(page.getFileName() + ".paved-tmp");
        Files.writeString(leftover, "<p>half a pa");
        Path alone = Files.createDirectories(out.resolve("gone")).resolve("index.html.paved-tmp");
        Files.writeString(alone, "");

        Publisher.Result next = Publisher.publish(site, new DirectoryTarget(out), OPTIONS, LOG::add);

        assertTrue(next.ok(), next.summary());
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(out.resolve("gone")), "and the folder it was alone in");
        assertEquals(0, next.deleted(), "they were not the site's: " + next.summary());
    }

    @Test
    void aGitPublishRemovesTheWorkFolderOfAKilledOne(@TempDir Path dir) throws Exception {
        Path remote = dir.resolve("pages.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        // What a publish killed while fetching leaves in the temporary folder: its work folder, and a lock file
        // nobody holds any more.
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        String name = GitBranchTarget.WORK_PREFIX + "killed" + ProcessHandle.current().pid();
        Path abandoned = Files.createDirectories(temp.resolve(name).resolve("repo.git/objects"));
        Path lock = Files.writeString(temp.resolve(name + ".lock"), "");
        try (GitBranchTarget target = new GitBranchTarget(remote.toUri().toString(), "gh-pages", false,
                Optional.empty(), Optional.empty())) {
            assertFalse(Files.exists(temp.resolve(name)), "removed when the next publish starts");
            assertFalse(Files.exists(lock));
            assertTrue(Publisher.publish(site, target, OPTIONS, LOG::add).ok());
        } finally {
            WorkFolder.deleteTree(abandoned.getParent().getParent());
            Files.deleteIfExists(lock);
        }
    }

    @Test
    void targetsAreNamedAsOnTheCommandLine(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PublishTargets.open("ftp://example.com/site", PublishTargets.Options.none()));
        assertTrue(e.getMessage().contains("s3://bucket/prefix"), e.getMessage());
        try (PublishTarget t = PublishTargets.open("dir:" + dir.resolve("x"), PublishTargets.Options.none())) {
            assertTrue(t instanceof DirectoryTarget);
        }
        Path remote = dir.resolve("r.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        try (PublishTarget t = PublishTargets.open("git:" + remote.toUri() + "#pages", PublishTargets.Options.none())) {
            assertTrue(t.describe().endsWith("#pages"), t.describe());
        }
        try (PublishTarget t = PublishTargets.open("git:https://user:hunter2@example.com/o/r.git",
                PublishTargets.Options.none())) {
            fail("an unreachable remote should fail: " + t.describe());
        } catch (IOException expected) {
            assertFalse(expected.getMessage().contains("hunter2"), "no credential in messages: "
                    + expected.getMessage());
        }
    }

    private static void fail(String message) {
        org.junit.jupiter.api.Assertions.fail(message);
    }

    private static Set<String> files(Repository repo, RevCommit commit) throws IOException {
        Set<String> out = new TreeSet<>();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                out.add(walk.getPathString());
            }
        }
        return out;
    }

    private static Set<String> keys(S3Client s3) {
        Set<String> out = new TreeSet<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket("portal")).contents()) {
            out.add(o.key());
        }
        return out;
    }

    private static String get(S3Client s3, String key) {
        return s3.getObject(b -> b.bucket("portal").key(key), ResponseTransformer.toBytes()).asUtf8String();
    }

    private static void assertServed(S3Client s3, String key, String type, String cache) {
        HeadObjectResponse head = s3.headObject(b -> b.bucket("portal").key(key));
        // Compared as media types: the server's HTTP stack may drop the space before a parameter.
        assertEquals(type.replace("; ", ";"), head.contentType().replace("; ", ";"), key);
        assertEquals(cache, head.cacheControl(), key);
    }

    /** A target that passes every call on; tests override one. */
    static class ForwardingTarget implements PublishTarget {
        private final PublishTarget target;

        ForwardingTarget(PublishTarget target) {
            this.target = target;
        }

        @Override
        public String describe() {
            return target.describe();
        }

        @Override
        public Map<String, String> list() throws IOException {
            return target.list();
        }

        @Override
        public String fingerprint(SiteFile file) throws IOException {
            return target.fingerprint(file);
        }

        @Override
        public void put(SiteFile file) throws IOException {
            target.put(file);
        }

        @Override
        public void delete(List<String> paths) throws IOException {
            target.delete(paths);
        }
    }
}
