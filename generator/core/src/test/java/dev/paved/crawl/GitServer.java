package dev.paved.crawl;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A real smart-HTTP git server on loopback: JGit's {@code GitServlet} serving the bare repositories of a folder at
 * {@code /git/<name>.git}, plus {@code /slow/…}, which never answers in time, and {@code /broken/…}, which fails.
 * It keeps every request it hears under {@code /git/} ({@link #requests()}).
 */
public final class GitServer implements AutoCloseable {

    private final Server server;
    private final List<String> requests;

    private GitServer(Server server, List<String> requests) {
        this.server = server;
        this.requests = requests;
    }

    public static GitServer start(Path repositories) throws Exception {
        return start(repositories, (request, response, chain) -> chain.doFilter(request, response));
    }

    /** A server whose git requests pass {@code filter} first (to refuse some of them). */
    static GitServer start(Path repositories, Filter filter) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        List<String> requests = new CopyOnWriteArrayList<>();
        context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            requests.add(http.getMethod() + " " + http.getRequestURI());
            chain.doFilter(request, response);
        }), "/git/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(filter), "/git/*", EnumSet.of(DispatcherType.REQUEST));
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new FileResolver<>(repositories.toFile(), true));
        context.addServlet(new ServletHolder(git), "/git/*");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }), "/slow/*");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                resp.sendError(500, "internal error");
            }
        }), "/broken/*");
        server.setHandler(context);
        server.setStopTimeout(0);
        server.start();
        return new GitServer(server, requests);
    }

    /** The git requests heard so far, as {@code METHOD /git/name.git/…}, oldest first. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The URL of a repository of the folder, e.g. {@code http://127.0.0.1:port/git/name.git}. */
    public String url(String name) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/git/" + name
                + ".git";
    }

    /** A URL under another path of this server ({@code slow}, {@code broken}). */
    String url(String prefix, String name) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/" + prefix
                + "/" + name + ".git";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    static File folder(Path p) {
        return p.toFile();
    }
}
