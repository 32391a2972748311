package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terasky:spring-initializer} against a loopback Spring Initializr answering {@code /starter.zip} as
 * start.spring.io does (a ZIP of the project, or a JSON error); hostile archives are refused before anything is
 * written.
 */
class SpringInitializerTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private int status = 200;
    private byte[] answer;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theProjectIsDownloadedAndUnpackedIntoTheOutputPath() throws Exception {
        Map<String, String> project = new LinkedHashMap<>();
        project.put("pom.xml", "<project><artifactId>parcel-api</artifactId></project>\n");
        project.put("mvnw", "#!/bin/sh\necho maven\n");
        project.put("src/main/java/dev/tern/parcels/ParcelApiApplication.java", "package dev.tern.parcels;\n");
        answer = zip(project, "mvnw");
        start();
        Path out = dir.resolve("out");
        Scaffolder.Result result = Scaffolder.run(fixture(), Map.of("endpoint", endpoint()), options(out, false));
        assertEquals(List.of("GET /starter.zip?type=maven-project&language=java&groupId=dev.tern&artifactId=parcel-api"
                + "&name=Parcel%20API&description=Parcels%20%26%20labels&packageName=dev.tern.parcels&javaVersion=17"
                + "&dependencies=web%2Cactuator application/zip"), requests, "empty inputs are left to the Initializr");
        assertEquals(List.of("service/mvnw", "service/pom.xml",
                "service/src/main/java/dev/tern/parcels/ParcelApiApplication.java"),
                result.files().stream().sorted().toList());
        assertEquals(project.get("pom.xml"), Files.readString(out.resolve("service/pom.xml")));
        assertTrue(Files.isExecutable(out.resolve("service/mvnw")), "the wrapper keeps its mode");
        assertFalse(Files.isExecutable(out.resolve("service/pom.xml")));
        assertEquals("service", result.text().get(0).get("content"));
        assertTrue(log.contains("  unpacked 3 file(s) from " + endpoint() + " into service"), log.toString());

        requests.clear();
        log.clear();
        Path dry = dir.resolve("dry");
        Scaffolder.Result planned = Scaffolder.run(fixture(), Map.of("endpoint", endpoint(), "dependencies", List.of("web")),
                options(dry, true));
        assertEquals(List.of(), requests, "a dry run downloads nothing");
        assertEquals(List.of(), planned.files());
        assertFalse(Files.exists(dry));
        assertTrue(log.get(log.size() - 1).startsWith("  would download " + endpoint() + "/starter.zip?type="
                + "maven-project"), log.toString());
        assertTrue(log.get(log.size() - 1).endsWith("&dependencies=web and unpack it into service"), log.toString());
    }

    @Test
    void hostileArchivesAreRefusedAndNothingIsWritten() throws Exception {
        start();
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("its entry ../evil.sh has an empty, '.' or '..' segment, which leads out of its folder",
                zip(Map.of("pom.xml", "x", "../evil.sh", "rm -rf ~"), null));
        cases.put("its entry /etc/cron.d/evil is an absolute path", zip(Map.of("/etc/cron.d/evil", "x"), null));
        cases.put("its entry link is a symbolic link, which Paved does not unpack",
                symlink(zip(Map.of("pom.xml", "x", "link", "/etc/passwd"), null), "link"));
        cases.put("it is not a ZIP archive, or holds no files", "<html>not a zip</html>".getBytes(
                StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            answer = c.getValue();
            Path out = dir.resolve("hostile");
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture(),
                    Map.of("endpoint", endpoint(), "outputPath", "."), options(out, false)));
            assertEquals("step 'generate' (terasky:spring-initializer): the project from " + endpoint()
                    + " cannot be unpacked: " + c.getKey(), e.getMessage());
            assertFalse(Files.exists(out), "nothing written for: " + c.getKey());
        }
        TemplateException escape = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture(),
                Map.of("endpoint", endpoint(), "outputPath", "../elsewhere"), options(dir.resolve("o"), false)));
        assertEquals("step 'generate' (terasky:spring-initializer) outputPath: '../elsewhere' leads out of the "
                + "output folder", escape.getMessage());
    }

    @Test
    void theInitializrsRefusalIsAClearError() throws Exception {
        start();
        status = 400;
        answer = """
                {"timestamp": "2026-02-01T18:26:22.638+00:00", "status": 400, "error": "Bad Request",
                 "message": "Unknown dependency 'nope'", "path": "/starter.zip"}""".getBytes(StandardCharsets.UTF_8);
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture(),
                Map.of("endpoint", endpoint(), "dependencies", List.of("nope")), options(dir.resolve("o"), false)));
        assertTrue(e.getMessage().startsWith("step 'generate' (terasky:spring-initializer): " + endpoint()
                + "/starter.zip?"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" answered HTTP 400: Unknown dependency 'nope'"), e.getMessage());

        TemplateException bad = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture(),
                Map.of("endpoint", endpoint(), "dependencies", List.of("web&x=1")), options(dir.resolve("o"), false)));
        assertEquals("step 'generate' (terasky:spring-initializer): input 'dependencies' holds 'web&x=1', not a "
                + "dependency id of the Initializr (e.g. web, data-jpa)", bad.getMessage());
        TemplateException file = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture(),
                Map.of("endpoint", "file:///etc"), options(dir.resolve("o"), false)));
        assertEquals("step 'generate' (terasky:spring-initializer): endpoint 'file:///etc' is not an http(s) URL of "
                + "a Spring Initializr", file.getMessage());
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            requests.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + "?"
                    + x.getRequestURI().getRawQuery() + " " + x.getRequestHeaders().getFirst("Accept"));
            x.getResponseHeaders().add("Content-Type", status == 200 ? "application/zip" : "application/json");
            x.sendResponseHeaders(status, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        server.start();
    }

    /** A ZIP made on Unix, its files 0644 and {@code executable} 0755. */
    private static byte[] zip(Map<String, String> files, String executable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        byte[] out = bytes.toByteArray();
        for (String name : files.keySet()) {
            mode(out, name, name.equals(executable) ? 0100755 : 0100644);
        }
        return out;
    }

    private static byte[] symlink(byte[] zip, String name) {
        mode(zip, name, 0120777);
        return zip;
    }

    /** Sets the Unix mode of {@code name} in the central directory (made by Unix, external attributes). */
    private static void mode(byte[] zip, String name, int mode) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                int length = Short.toUnsignedInt(b.getShort(i + 28));
                if (new String(zip, i + 46, length, StandardCharsets.UTF_8).equals(name)) {
                    b.putShort(i + 4, (short) (3 << 8 | 20));
                    b.putInt(i + 38, mode << 16);
                }
            }
        }
    }

    private Scaffolder.Options options(Path out, boolean dryRun) {
        return new Scaffolder.Options(out, dryRun, Map.of(), null, Map.of(), null, log::add);
    }

    private SoftwareTemplate fixture() throws IOException {
        return TemplateFixtures.read("spring-initializer", dir);
    }
}
