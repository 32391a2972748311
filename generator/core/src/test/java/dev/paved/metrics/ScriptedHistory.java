package dev.paved.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Replays a scripted history ({@code src/test/resources/metrics/history.yaml}) into real Git repositories, one
 * folder each under a root, with the script's dates as author and committer times and its tags as annotated tags.
 */
public final class ScriptedHistory {

    private static final Pattern SHA = Pattern.compile("\\{\\{sha7:([^/}]+)/([^}]+)}}");

    private final Path root;
    private final Duration shift;
    /** Commit ids by {@code repo/label}. */
    private final Map<String, String> labels = new LinkedHashMap<>();

    private ScriptedHistory(Path root, Duration shift) {
        this.root = root;
        this.shift = shift;
    }

    /** Replays {@code script} into folders under {@code root}, with the script's dates. */
    public static ScriptedHistory replay(Path script, Path root) throws Exception {
        return replay(script, root, Duration.ZERO);
    }

    /**
     * Replays {@code script} into folders under {@code root}, every date moved by {@code shift} (to bring the story
     * into a window that ends today, as a build's does).
     */
    public static ScriptedHistory replay(Path script, Path root, Duration shift) throws Exception {
        ScriptedHistory history = new ScriptedHistory(root, shift);
        JsonNode commits = new ObjectMapper(new YAMLFactory()).readTree(script.toFile()).path("commits");
        for (JsonNode c : commits) {
            history.apply(c);
        }
        return history;
    }

    /** A repository's folder. */
    public Path repo(String name) {
        return root.resolve(name);
    }

    /** The id of a labelled commit. */
    public String id(String repoAndLabel) {
        String id = labels.get(repoAndLabel);
        if (id == null) {
            throw new IllegalArgumentException("no commit labelled " + repoAndLabel);
        }
        return id;
    }

    private void apply(JsonNode c) throws Exception {
        String repo = c.path("repo").asText();
        Path dir = root.resolve(repo);
        PersonIdent who = new PersonIdent(new PersonIdent("Scripted", "scripted@example.com"),
                Instant.parse(c.path("time").asText()).plus(shift), TimeZone.getTimeZone("UTC").toZoneId());
        boolean fresh = !Files.exists(dir.resolve(".git"));
        try (Git git = fresh ? Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()
                : Git.open(dir.toFile())) {
            if (c.has("tag")) {
                git.tag().setName(c.path("tag").asText()).setAnnotated(true).setMessage("release "
                        + c.path("tag").asText()).setTagger(who).call();
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> files = c.path("files").fields();
            while (files.hasNext()) {
                Map.Entry<String, JsonNode> f = files.next();
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, substitute(f.getValue().asText()), StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage(c.path("message").asText()).setAuthor(who).setCommitter(who)
                    .call();
            if (c.has("label")) {
                labels.put(repo + "/" + c.path("label").asText(), commit.getName());
            }
        }
    }

    private String substitute(String text) {
        Matcher m = SHA.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, id(m.group(1) + "/" + m.group(2)).substring(0, 7));
        }
        m.appendTail(out);
        return out.toString();
    }
}
