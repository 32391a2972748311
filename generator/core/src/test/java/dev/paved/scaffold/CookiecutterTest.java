package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch:cookiecutter}: a cookiecutter skeleton rendered as Backstage's action runs cookiecutter on it; and, when
 * Debian's {@code cookiecutter} is installed (required with {@code PAVED_REQUIRE_COOKIECUTTER=true}), the same skeleton
 * with the same cookiecutter.json run through {@code cookiecutter --no-input} gives the same files, byte for byte.
 */
class CookiecutterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "Parcel Tracker";

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void aSkeletonIsRenderedAsCookiecutterRendersIt() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.Result result = Scaffolder.run(fixture(), Map.of("name", NAME), options(out, false));
        Path site = out.resolve("docs-site");
        assertEquals(List.of("assets/{{cookiecutter.package}}/logo.txt", "docs/index.md", "docs/pixel.png", "mkdocs.yml",
                "notes.tmpl", "parcel_tracker.html", "parcel_tracker/__init__.py", "serve.sh"), tree(site).keySet()
                .stream().toList(), "the project folder's contents, in targetPath");
        assertEquals(result.files().stream().sorted().toList(), tree(site).keySet().stream()
                .map(p -> "docs-site/" + p).toList());
        assertEquals("""
                site_name: Parcel Tracker
                site_description: Parcels, tracked
                nav:
                  - Home: index.md

                # public, under MIT

                """, Files.readString(site.resolve("mkdocs.yml")), "true is \"True\"; a list is its first choice");
        String index = Files.readString(site.resolve("docs/index.md"));
        assertTrue(index.startsWith("# Parcel Tracker\n\nParcels, tracked, on port 8080.\nRepository: "
                + "tern/parcel-tracker on github.com.\n"), index);
        assertTrue(index.contains("{{ kept as written }}"), index);
        assertEquals("\"\"\"parcel_tracker: Parcels, tracked\"\"\"\n",
                Files.readString(site.resolve("parcel_tracker/__init__.py")), "variables render from those before");
        assertEquals("raw {{ cookiecutter.name }}\n", Files.readString(site.resolve(
                "assets/{{cookiecutter.package}}/logo.txt")), "a folder copyWithoutRender matches: copied as written, "
                + "its path too (cookiecutter 1.7)");
        assertEquals("{{ cookiecutter.name }} as written\n", Files.readString(site.resolve("notes.tmpl")));
        assertTrue(Files.isExecutable(site.resolve("serve.sh")));
        assertTrue(new String(Files.readAllBytes(site.resolve("docs/pixel.png")), StandardCharsets.ISO_8859_1)
                .contains("{{ cookiecutter.name }}"), "binary files are copied");
        assertTrue(log.contains("  wrote 8 file(s) of parcel-tracker from ./skeleton"), log.toString());

        log.clear();
        Path dry = dir.resolve("dry");
        Scaffolder.Result planned = Scaffolder.run(fixture(), Map.of("name", NAME), options(dry, true));
        assertEquals(result.files(), planned.files(), "a dry run plans the same files");
        assertFalse(Files.exists(dry), "and writes none");
    }

    @Test
    void anUndefinedVariableStopsTheRunByName() throws Exception {
        fixture();
        Path init = dir.resolve("templates/cookiecutter/skeleton/{{cookiecutter.project_slug}}/{{cookiecutter.package}}"
                + "/__init__.py");
        Files.writeString(init, "{{ cookiecutter.nope }}\n");
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                SoftwareTemplate.read(dir.resolve("templates/cookiecutter/template.yaml")), Map.of("name", NAME),
                options(dir.resolve("out"), false)));
        assertTrue(e.getMessage().startsWith("step 'fetch' (fetch:cookiecutter): ./skeleton/"
                + "{{cookiecutter.package}}/__init__.py: "), e.getMessage());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/docs-site/parcel_tracker/__init__.py")));
    }

    @Test
    void theSameFilesAsCookiecutterItself() throws Exception {
        boolean installed = installed();
        if (!installed && !"true".equals(System.getenv("PAVED_REQUIRE_COOKIECUTTER"))) {
            Assumptions.abort("cookiecutter is not installed (Debian's cookiecutter); PAVED_REQUIRE_COOKIECUTTER=true "
                    + "makes this a failure");
        }
        assertTrue(installed, "cookiecutter is required (PAVED_REQUIRE_COOKIECUTTER=true) but not on the PATH");
        Path out = dir.resolve("out");
        Scaffolder.run(fixture(), Map.of("name", NAME), options(out, false));

        // What Backstage's action gives cookiecutter: the skeleton, its cookiecutter.json merged with the values.
        Path skeleton = dir.resolve("templates/cookiecutter/skeleton");
        Map<String, Object> json = JSON.readValue(skeleton.resolve("cookiecutter.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        json.put("name", NAME);
        json.put("description", "Parcels, tracked");
        json.put("public", true);
        json.put("destination", new LinkedHashMap<>(ScaffolderFilters.parseRepoUrl(
                "github.com?owner=tern&repo=parcel-tracker")));
        json.put("_copy_without_render", List.of("assets/*", "*.tmpl", "*.html"));
        Files.writeString(skeleton.resolve("cookiecutter.json"), JSON.writeValueAsString(json));
        Path oracle = dir.resolve("oracle");
        ProcessBuilder run = new ProcessBuilder("cookiecutter", "--no-input", "-o", oracle.toString(),
                skeleton.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("cookiecutter.log").toFile())
                .directory(dir.toFile());
        // Its replay file and user config go to a home of its own, not the user's.
        Files.createDirectories(dir.resolve("home"));
        run.environment().put("HOME", dir.resolve("home").toString());
        Process p = run.start();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("cookiecutter.log")));
        Map<String, String> expected = tree(oracle.resolve("parcel-tracker"));
        Map<String, String> actual = tree(out.resolve("docs-site"));
        assertEquals(expected, actual, "Paved's files against cookiecutter's");
    }

    private static boolean installed() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "cookiecutter"))) {
                return true;
            }
        }
        return false;
    }

    /** Every file under {@code root}: its path, its mode (x or -) and its bytes as ISO-8859-1 text. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString().replace('\\', '/'), (Files.isExecutable(f) ? "x " : "- ")
                        + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    private Scaffolder.Options options(Path out, boolean dryRun) {
        return new Scaffolder.Options(out, dryRun, Map.of(), null, Map.of(), null, log::add);
    }

    private SoftwareTemplate fixture() throws IOException {
        return TemplateFixtures.read("cookiecutter", dir);
    }
}
