package dev.paved.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build shared out across the jobs of a CI matrix (issue 16, item 2): three jobs each render their share of the
 * doc sets into a cache of their own; the job that assembles gets the three caches, renders no doc set itself, and
 * writes the same bytes as one build of everything.
 */
class ShardedBuildTest {

    @Test
    void threeShardsAndAnAssembleAreOneBuild(@TempDir Path work) throws IOException {
        PavedConfig config = ConfigReader.read(TestFiles.projectRoot(), new Diagnostics());
        Path assembled = work.resolve("assemble-cache");
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int k = 1; k <= 3; k++) {
            Path cache = work.resolve("shard-" + k);
            Pipeline.Result shard = Pipeline.shard(config.withCache(cache), Pipeline.Options.defaults(),
                    new Pipeline.Shard(k, 3));
            assertEquals(cache.resolve("docs"), shard.output());
            // The artifact each job hands on, merged into the assembling job's cache.
            for (Path entry : entries(shard.output()).keySet()) {
                assertTrue(seen.add(entry.getFileName().toString()), "a doc set in two shards: " + entry);
                Files.createDirectories(assembled.resolve("docs"));
                Files.copy(entry, assembled.resolve("docs").resolve(entry.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
                total++;
            }
        }
        Map<Path, FileTime> before = entries(assembled.resolve("docs"));

        Pipeline.build(config.withCache(assembled).withOutput(work.resolve("sharded")), Pipeline.Options.defaults());
        Pipeline.build(config.withCache(work.resolve("one-cache")).withOutput(work.resolve("one")),
                Pipeline.Options.defaults());

        assertEquals(before, entries(assembled.resolve("docs")), "the assembling build rendered no doc set");
        assertEquals(entries(work.resolve("one-cache/docs")).size(), total, "every doc set is in some shard");
        Map<String, byte[]> one = files(work.resolve("one"));
        Map<String, byte[]> sharded = files(work.resolve("sharded"));
        assertEquals(one.keySet(), sharded.keySet());
        List<String> differ = new ArrayList<>();
        one.forEach((path, bytes) -> {
            if (!Arrays.equals(bytes, sharded.get(path))) {
                differ.add(path);
            }
        });
        assertEquals(List.of(), differ, "the same bytes");
    }

    @Test
    void aShardIsKOfN() {
        assertEquals(new Pipeline.Shard(2, 3), Pipeline.Shard.parse("2/3"));
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "")) {
            assertThrows(IllegalArgumentException.class, () -> Pipeline.Shard.parse(bad), bad);
        }
    }

    private static Map<Path, FileTime> entries(Path folder) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                for (Path p : list.toList()) {
                    out.put(p, Files.getLastModifiedTime(p));
                }
            }
        }
        return out;
    }

    private static Map<String, byte[]> files(Path site) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(site.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
