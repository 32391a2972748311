package dev.paved.crawl;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Real C git over smart HTTP: Debian's {@code git-http-backend} behind {@code lighttpd} (mod_cgi) on loopback,
 * serving the bare repositories of a folder at {@code /git/<name>.git}. Skipped without lighttpd, unless
 * {@code -Dpaved.requireGitServer=true} (CI, where {@code .ci/run} installs it).
 */
public final class CGitServer implements AutoCloseable {

    private static final Path LIGHTTPD = Path.of("/usr/sbin/lighttpd");
    private static final Path BACKEND = Path.of("/usr/lib/git-core/git-http-backend");

    private final Process process;
    private final int port;

    private CGitServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static CGitServer start(Path repositories, Path work) throws Exception {
        if (!Files.isExecutable(LIGHTTPD) || !Files.isExecutable(BACKEND)) {
            String message = "the C git server test needs lighttpd and git-http-backend: apt-get install lighttpd git";
            if (Boolean.getBoolean("paved.requireGitServer")) {
                fail(message + " (paved.requireGitServer is true)");
            }
            Assumptions.assumeTrue(false, message);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = work.resolve("lighttpd.conf");
        Files.writeString(conf, """
                server.bind = "127.0.0.1"
                server.port = %d
                server.document-root = "%s"
                server.errorlog = "%s"
                server.modules = ("mod_setenv", "mod_cgi", "mod_alias")
                alias.url += ("/git" => "%s")
                $HTTP["url"] =~ "^/git" {
                  cgi.assign = ("" => "")
                  setenv.add-environment = ("GIT_PROJECT_ROOT" => "%s", "GIT_HTTP_EXPORT_ALL" => "1")
                }
                """.formatted(port, repositories, work.resolve("lighttpd-error.log"), BACKEND, repositories));
        Process process = new ProcessBuilder(LIGHTTPD.toString(), "-D", "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("lighttpd.out").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new CGitServer(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("lighttpd exited: " + Files.readString(work.resolve("lighttpd.out")));
                }
                Thread.sleep(20);
            }
        }
        process.destroyForcibly();
        throw new IOException("lighttpd did not start on port " + port);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + port + "/git/" + name + ".git";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
