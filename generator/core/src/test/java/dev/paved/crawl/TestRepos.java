package dev.paved.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;

/** Generated repositories for crawl tests: a working copy per name, published as a bare repository to serve. */
public final class TestRepos {

    private final Path work;
    private final Path served;

    public TestRepos(Path work, Path served) {
        this.work = work;
        this.served = served;
    }

    /** Commits {@code files} (path to content) to repository {@code name} and updates its served bare copy. */
    public void commit(String name, Map<String, String> files) throws Exception {
        Path dir = work.resolve(name);
        boolean fresh = !Files.exists(dir);
        try (Git git = fresh ? Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()
                : Git.open(dir.toFile())) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("change " + files.keySet()).setAuthor("Test", "test@example.com")
                    .setCommitter("Test", "test@example.com").call();
        }
        publish(name);
    }

    /**
     * Commits {@code files} (path to content; {@code null} deletes) to repository {@code name} as authored and
     * committed at {@code when}, and updates its served bare copy; returns the commit's id.
     */
    String commitAt(String name, Map<String, String> files, Instant when) throws Exception {
        Path dir = work.resolve(name);
        boolean fresh = !Files.exists(dir);
        try (Git git = fresh ? Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()
                : Git.open(dir.toFile())) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                if (f.getValue() == null) {
                    Files.deleteIfExists(p);
                    continue;
                }
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = new PersonIdent("Test", "test@example.com", when, ZoneOffset.UTC);
            String id = git.commit().setMessage("change " + files.keySet() + " at " + when).setAuthor(who)
                    .setCommitter(who).call().getName();
            publish(name);
            return id;
        }
    }

    /** Tags the last commit of repository {@code name}, annotated or not, and publishes the tag. */
    void tag(String name, String tag, boolean annotated) throws Exception {
        try (Git git = Git.open(work.resolve(name).toFile())) {
            if (annotated) {
                git.tag().setName(tag).setMessage("release " + tag)
                        .setTagger(new PersonIdent("Test", "test@example.com")).call();
            } else {
                git.tag().setName(tag).setAnnotated(false).call();
            }
            git.push().setRemote(served.resolve(name + ".git").toUri().toString())
                    .add(Constants.R_TAGS + tag).call();
        }
    }

    /** Commits a file of random bytes (incompressible): what a crawl should never download. */
    void commitBinary(String name, String path, int bytes, long seed) throws Exception {
        Path dir = work.resolve(name);
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        Files.createDirectories(dir.resolve(path).getParent());
        Files.write(dir.resolve(path), data);
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("binary " + path).setAuthor("Test", "test@example.com")
                    .setCommitter("Test", "test@example.com").call();
        }
        publish(name);
    }

    /** An empty served repository: no commits. */
    public void empty(String name) throws Exception {
        Git.init().setBare(true).setDirectory(served.resolve(name + ".git").toFile()).call().close();
        allowFilter(served.resolve(name + ".git"));
    }

    private void publish(String name) throws Exception {
        Path bare = served.resolve(name + ".git");
        if (!Files.exists(bare)) {
            Git.cloneRepository().setBare(true).setURI(work.resolve(name).toUri().toString())
                    .setDirectory(bare.toFile()).call().close();
            allowFilter(bare);
        } else {
            try (Git git = Git.open(work.resolve(name).toFile())) {
                git.push().setRemote(bare.toUri().toString()).add("main").setForce(true).call();
            }
        }
    }

    private static void allowFilter(Path bare) throws IOException {
        try (Git git = Git.open(bare.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("uploadpack", null, "allowFilter", true);
            config.setBoolean("uploadpack", null, "allowAnySHA1InWant", true);
            config.setBoolean("http", null, "receivepack", true);
            config.save();
        }
    }

    Path work() {
        return work;
    }

    Path served() {
        return served;
    }
}
