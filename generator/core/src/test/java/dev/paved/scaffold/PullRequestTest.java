package dev.paved.scaffold;

import static dev.paved.scaffold.LoopbackJson.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.crawl.GitServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request actions against a real smart-HTTP git server and loopback stand-ins for GitHub's, GitLab's and
 * Gitea's REST APIs, answering as their documentation shows. The template ({@code templates/pull-request}) proposes a
 * Crossplane claim to a GitOps repository, {@code tern/gitops}, whose {@code main} already has a README.
 */
class PullRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cr3t-token";

    @TempDir
    Path dir;

    private GitServer git;
    private Path bare;
    private HttpServer api;
    /** "METHOD raw-path-and-query token-header" of every API call, in order. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
    /** "METHOD raw-path" → status and body; what is not here answers 404. */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> log = new ArrayList<>();

    record Answer(int status, String body) {
    }

    @BeforeEach
    void gitopsRepositoryAndApi() throws Exception {
        bare = dir.resolve("served/tern/gitops.git");
        try (Git g = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
            StoredConfig config = g.getRepository().getConfig();
            config.setBoolean("http", null, "receivepack", true);
            config.save();
        }
        Path work = dir.resolve("seed");
        try (Git g = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            Files.createDirectories(work.resolve("clusters/dev"));
            Files.writeString(work.resolve("README.md"), "# GitOps\n");
            Files.writeString(work.resolve("clusters/dev/namespace.yaml"), "kind: Namespace\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("seed").setSign(false).call();
            g.push().setRemote(bare.toUri().toString()).add("main").call();
        }
        git = GitServer.start(dir.resolve("served"));
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", x -> {
            String path = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? ""
                    : "?" + x.getRequestURI().getRawQuery());
            String auth = x.getRequestHeaders().getFirst("Authorization") != null
                    ? x.getRequestHeaders().getFirst("Authorization")
                    : "PRIVATE-TOKEN " + x.getRequestHeaders().getFirst("PRIVATE-TOKEN");
            calls.add(x.getRequestMethod() + " " + path + " " + auth);
            byte[] in = x.getRequestBody().readAllBytes();
            if (in.length > 0) {
                bodies.put(x.getRequestMethod() + " " + path, JSON.readTree(in));
            }
            Answer a = answers.getOrDefault(x.getRequestMethod() + " " + path, new Answer(404,
                    "{\"message\":\"Not Found\"}"));
            send(x, a.status(), a.body());
        });
        api.start();
    }

    @AfterEach
    void stop() throws Exception {
        api.stop(0);
        git.close();
    }

    @Test
    void githubPullRequestRoundTrip() throws Exception {
        githubAnswers();
        Scaffolder.Result result = Scaffolder.run(template("github"), Map.of("name", "orders"),
                options("github.example.com", false));

        assertEquals(List.of(
                "GET /repos/tern/gitops Bearer " + TOKEN,
                "POST /repos/tern/gitops/pulls Bearer " + TOKEN,
                "POST /repos/tern/gitops/pulls/7/requested_reviewers Bearer " + TOKEN), calls);
        JsonNode pr = bodies.get("POST /repos/tern/gitops/pulls");
        assertEquals("Database orders in dev", pr.path("title").asText());
        assertEquals("A PostgreSQL claim for orders.", pr.path("body").asText());
        assertEquals("database-orders", pr.path("head").asText());
        assertEquals("main", pr.path("base").asText());
        assertTrue(pr.path("draft").asBoolean());
        JsonNode review = bodies.get("POST /repos/tern/gitops/pulls/7/requested_reviewers");
        assertEquals("[\"ana\"]", review.path("reviewers").toString());
        assertEquals("[\"platform\"]", review.path("team_reviewers").toString());

        Map<String, String> pushed = tree("refs/heads/database-orders");
        assertEquals(Set.of("README.md", "clusters/dev/namespace.yaml", "clusters/dev/databases/orders.yaml"),
                pushed.keySet(), "the new branch is main plus the claim, in targetPath");
        assertTrue(pushed.get("clusters/dev/databases/orders.yaml").contains("name: orders\n  namespace: dev\n"));
        RevCommit commit = commit("refs/heads/database-orders");
        assertEquals("Database orders in dev", commit.getFullMessage(), "commitMessage defaults to the title");
        assertEquals("Ana Ops <ana@tern.example>", commit.getAuthorIdent().getName() + " <"
                + commit.getAuthorIdent().getEmailAddress() + ">");
        assertEquals(1, commit.getParentCount());
        assertEquals(head("refs/heads/main"), commit.getParent(0).getId(), "branched from main");
        assertEquals(List.of(Map.of("title", "Request", "url", "https://github.example.com/tern/gitops/pull/7")),
                result.links(), "remoteUrl is the pull request's page, as Backstage's");
        assertEquals(List.of(git.url("tern/gitops") + "#database-orders"), result.pushes());
        assertTrue(log.contains("  opened pull request #7: https://github.example.com/tern/gitops/pull/7"), log.toString());
        assertTrue(log.contains("  asked ana, platform to review"), log.toString());
    }

    @Test
    void gitlabMergeRequestRoundTrip() throws Exception {
        answers.put("GET /projects/tern%2Fgitops", new Answer(200,
                "{\"id\":12,\"path_with_namespace\":\"tern/gitops\",\"default_branch\":\"main\"}"));
        answers.put("GET /users?username=ana", new Answer(200, "[{\"id\":42,\"username\":\"ana\"}]"));
        answers.put("GET /users?username=nobody", new Answer(200, "[]"));
        answers.put("POST /projects/tern%2Fgitops/merge_requests", new Answer(201,
                "{\"iid\":3,\"web_url\":\"https://gitlab.example.com/tern/gitops/-/merge_requests/3\","
                        + "\"target_branch\":\"main\"}"));
        Scaffolder.run(template("gitlab"), Map.of("name", "orders", "environment", "staging",
                "reviewers", List.of("ana", "nobody")), options("gitlab.example.com", false));

        assertEquals(List.of(
                "GET /projects/tern%2Fgitops PRIVATE-TOKEN " + TOKEN,
                "GET /users?username=ana PRIVATE-TOKEN " + TOKEN,
                "GET /users?username=nobody PRIVATE-TOKEN " + TOKEN,
                "POST /projects/tern%2Fgitops/merge_requests PRIVATE-TOKEN " + TOKEN), calls);
        JsonNode mr = bodies.get("POST /projects/tern%2Fgitops/merge_requests");
        assertEquals("database-orders", mr.path("source_branch").asText());
        assertEquals("main", mr.path("target_branch").asText());
        assertEquals("Draft: Database orders in staging", mr.path("title").asText(), "a draft, as GitLab marks one");
        assertEquals("A PostgreSQL claim for orders.", mr.path("description").asText());
        assertEquals("[42]", mr.path("reviewer_ids").toString());
        assertTrue(log.contains("  note: GitLab has no user nobody; the merge request is opened without that "
                + "reviewer"), log.toString());
        assertTrue(tree("refs/heads/database-orders").containsKey("clusters/staging/databases/orders.yaml"));
    }

    @Test
    void giteaPullRequestRoundTrip() throws Exception {
        answers.put("GET /repos/tern/gitops", new Answer(200,
                "{\"full_name\":\"tern/gitops\",\"default_branch\":\"main\"}"));
        answers.put("POST /repos/tern/gitops/pulls", new Answer(201, "{\"number\":5,\"html_url\":"
                + "\"https://gitea.example.com/tern/gitops/pulls/5\",\"base\":{\"ref\":\"main\"}}"));
        answers.put("POST /repos/tern/gitops/pulls/5/requested_reviewers", new Answer(201,
                "[{\"reviewer\":{\"login\":\"ana\"}}]"));
        Scaffolder.Result result = Scaffolder.run(template("gitea"), Map.of("name", "orders", "draft", false),
                options("gitea.example.com", false));

        assertEquals(List.of(
                "GET /repos/tern/gitops token " + TOKEN,
                "POST /repos/tern/gitops/pulls token " + TOKEN,
                "POST /repos/tern/gitops/pulls/5/requested_reviewers token " + TOKEN), calls);
        JsonNode pr = bodies.get("POST /repos/tern/gitops/pulls");
        assertEquals("Database orders in dev", pr.path("title").asText());
        assertEquals("database-orders", pr.path("head").asText());
        assertEquals("main", pr.path("base").asText());
        assertEquals("[\"ana\"]", bodies.get("POST /repos/tern/gitops/pulls/5/requested_reviewers")
                .path("reviewers").toString());
        assertEquals("https://gitea.example.com/tern/gitops/pulls/5", result.links().get(0).get("url"));
        assertTrue(tree("refs/heads/database-orders").containsKey("clusters/dev/databases/orders.yaml"));
    }

    @Test
    void aBranchThatExistsIsRefusedBeforeAnythingIsPushed() throws Exception {
        githubAnswers();
        try (Git g = Git.open(bare.toFile())) {
            g.branchCreate().setName("database-orders").setStartPoint("main").call();
        }
        Map<String, ObjectId> before = refs();
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(template("github"),
                Map.of("name", "orders"), options("github.example.com", false)));
        assertEquals("step 'pr' (publish:github:pull-request): the branch database-orders already exists in "
                + git.url("tern/gitops") + "; nothing was pushed (choose another branchName, or delete that branch)",
                e.getMessage());
        assertEquals(before, refs());
        assertEquals(List.of("GET /repos/tern/gitops Bearer " + TOKEN), calls, "no request was opened");
    }

    @Test
    void aRequestTheHostRefusesAfterThePushTakesTheBranchBack() throws Exception {
        githubAnswers();
        answers.put("POST /repos/tern/gitops/pulls", new Answer(422, "{\"message\":\"Validation Failed\","
                + "\"errors\":[{\"message\":\"A pull request already exists for tern:database-orders.\"}]}"));
        Map<String, ObjectId> before = refs();
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(template("github"),
                Map.of("name", "orders"), options("github.example.com", false)));
        assertEquals("step 'pr' (publish:github:pull-request): opening the pull request answered HTTP 422: "
                + "Validation Failed; A pull request already exists for tern:database-orders. (the host refused it as "
                + "it stands: a request for this branch may exist already); the pushed branch database-orders was "
                + "deleted again", e.getMessage());
        assertEquals(before, refs(), "the remote is as it was");
    }

    @Test
    void aRefusedTokenOrAMissingRepositoryStopsBeforeTheClone() throws Exception {
        Map<String, ObjectId> before = refs();
        answers.put("GET /repos/tern/gitops", new Answer(401, "{\"message\":\"Bad credentials\"}"));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(template("github"),
                Map.of("name", "orders"), options("github.example.com", false)));
        assertEquals("step 'pr' (publish:github:pull-request): reading the repository through http://127.0.0.1:"
                + api.getAddress().getPort() + ": reading tern/gitops answered HTTP 401: Bad credentials (the token is "
                + "missing or invalid); nothing was pushed", e.getMessage());

        answers.remove("GET /repos/tern/gitops");
        e = assertThrows(TemplateException.class, () -> Scaffolder.run(template("github"),
                Map.of("name", "orders"), options("github.example.com", false)));
        assertTrue(e.getMessage().contains("answered HTTP 404: Not Found (no such repository, or the token cannot "
                + "see it); nothing was pushed"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        assertEquals(before, refs());
        assertEquals(List.of(), git.requests(), "git was not asked anything");
    }

    @Test
    void theTokenGoesOnlyToItsHosts() throws Exception {
        githubAnswers();
        Scaffolder.Options elsewhere = new Scaffolder.Options(dir.resolve("out"), false,
                Map.of("https://github.example.com/", git.url("x").replaceFirst("x\\.git$", "")), null, Map.of(),
                TOKEN, log::add, Map.of("github.example.com", apiUrl()), Set.of("github.com"));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(template("github"),
                Map.of("name", "orders"), elsewhere));
        assertEquals("step 'pr' (publish:github:pull-request): opening a pull request on github.example.com needs "
                + "PAVED_GIT_TOKEN, and github.example.com is not one of the token's hosts (--token-host); nothing was "
                + "pushed", e.getMessage());
        assertEquals(List.of(), calls);
        assertEquals(List.of(), git.requests());
    }

    @Test
    void aDryRunPlansWithoutTheNetwork() throws Exception {
        Scaffolder.Result result = Scaffolder.run(template("github"), Map.of("name", "orders"),
                options("github.example.com", true));
        assertEquals(List.of(), calls);
        assertEquals(List.of(), git.requests());
        assertTrue(log.contains("  would clone " + git.url("tern/gitops") + " (its default branch), write claim into "
                + "clusters/dev/databases on a new branch database-orders, push it, and open the pull request "
                + "'Database orders in dev' as a draft through " + apiUrl() + ", asking ana, team platform to review"),
                log.toString());
        assertEquals(List.of(git.url("tern/gitops") + "#database-orders"), result.pushes());
        assertEquals(List.of("claim/orders.yaml"), result.files());
    }

    private void githubAnswers() {
        answers.put("GET /repos/tern/gitops", new Answer(200,
                "{\"full_name\":\"tern/gitops\",\"default_branch\":\"main\"}"));
        answers.put("POST /repos/tern/gitops/pulls", new Answer(201, "{\"number\":7,\"html_url\":"
                + "\"https://github.example.com/tern/gitops/pull/7\",\"base\":{\"ref\":\"main\"}}"));
        answers.put("POST /repos/tern/gitops/pulls/7/requested_reviewers", new Answer(201,
                "{\"requested_reviewers\":[{\"login\":\"ana\"}],\"requested_teams\":[{\"slug\":\"platform\"}]}"));
    }

    private SoftwareTemplate template(String host) throws IOException {
        return SoftwareTemplate.read(TestFiles.resource("scaffold/templates/pull-request/" + host + ".yaml"));
    }

    private Scaffolder.Options options(String host, boolean dryRun) {
        return new Scaffolder.Options(dir.resolve(dryRun ? "plan" : "out"), dryRun,
                Map.of("https://" + host + "/", git.url("x").replaceFirst("x\\.git$", "")), null, Map.of(), TOKEN,
                log::add, Map.of(host, apiUrl()), Set.of());
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private Map<String, ObjectId> refs() throws IOException {
        Map<String, ObjectId> out = new TreeMap<>();
        try (Repository r = Git.open(bare.toFile()).getRepository()) {
            for (Ref ref : r.getRefDatabase().getRefs()) {
                out.put(ref.getName(), ref.getObjectId());
            }
        }
        return out;
    }

    private ObjectId head(String ref) throws IOException {
        return refs().get(ref);
    }

    private RevCommit commit(String ref) throws IOException {
        try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(r)) {
            RevCommit c = walk.parseCommit(r.resolve(ref));
            walk.parseHeaders(c.getParent(0));
            return c;
        }
    }

    /** The files of a branch of the served repository, with their text. */
    private Map<String, String> tree(String ref) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(r);
             TreeWalk tw = new TreeWalk(r)) {
            tw.addTree(walk.parseCommit(r.resolve(ref)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.put(tw.getPathString(), new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
