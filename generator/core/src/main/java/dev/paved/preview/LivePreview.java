package dev.paved.preview;

import dev.paved.config.PavedConfig;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code paved preview} as {@code mkdocs serve} and {@code hugo server} work: the portal is built, served on the
 * loopback interface, and built again whenever a file it is made from changes (catalog files, docs, content, theme,
 * scorecards, {@code paved.yaml}); pages open in a browser then reload themselves. Rebuilds use the build cache, so
 * only what changed is rendered again. Configuration is read again before each build.
 */
public final class LivePreview implements AutoCloseable {

    /** Hears what the preview does: each build's result and problems. */
    public interface Listener {
        void built(Pipeline.Result result);

        void failed(IOException e);
    }

    /** Folders never watched: version control, build output and dependencies. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".paved-cache", ".idea");
    /** How long changes settle before a build starts (an editor's save is often several writes). */
    private static final Duration SETTLE = Duration.ofMillis(250);

    private final Supplier<PavedConfig> config;
    private final Pipeline.Options options;
    private final Listener listener;
    private final PreviewServer server;
    private final WatchService watcher;
    private final Thread loop;
    private volatile PavedConfig current;

    private LivePreview(Supplier<PavedConfig> config, Pipeline.Options options, Listener listener,
                        PreviewServer server, WatchService watcher, PavedConfig first) {
        this.config = config;
        this.options = options;
        this.listener = listener;
        this.server = server;
        this.watcher = watcher;
        this.current = first;
        this.loop = new Thread(this::watch, "paved-preview-watch");
        this.loop.setDaemon(true);
    }

    /**
     * Builds the portal, serves its output folder at {@code http://127.0.0.1:port/} and rebuilds it on every change.
     *
     * @param config reads the configuration (again before each rebuild)
     * @param port   a port, or 0 for any free one
     */
    public static LivePreview start(Supplier<PavedConfig> config, Pipeline.Options options, int port,
                                    Listener listener) throws IOException {
        PavedConfig first = config.get();
        build(first, options, listener);
        PreviewServer server = PreviewServer.start(first.output(), port, true);
        WatchService watcher = FileSystems.getDefault().newWatchService();
        LivePreview preview = new LivePreview(config, options, listener, server, watcher, first);
        preview.register(first);
        preview.loop.start();
        return preview;
    }

    /** The address the portal is served at, ending with {@code /}. */
    public URI uri() {
        return server.uri();
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        server.close();
    }

    private static void build(PavedConfig config, Pipeline.Options options, Listener listener) {
        try {
            listener.built(Pipeline.build(config, options));
        } catch (IOException e) {
            listener.failed(e);
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean relevant = relevant(key);
                // Let the rest of a save arrive, then build once for all of it.
                WatchKey more;
                while ((more = watcher.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant |= relevant(more);
                }
                if (relevant) {
                    current = config.get();
                    build(current, options, listener);
                    register(current);
                    server.reloaded();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: the preview stops
        }
    }

    /** Whether a key's events touch a source (not the output or cache, which the build itself writes). */
    private boolean relevant(WatchKey key) {
        Path folder = (Path) key.watchable();
        boolean relevant = false;
        for (var event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
                continue;
            }
            Path changed = folder.resolve((Path) event.context());
            if (!excluded(changed, current)) {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    /** Watches every folder the portal is made from (new folders are picked up after the next build). */
    private void register(PavedConfig config) {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(config.projectDir());
        roots.addAll(config.sources());
        roots.add(config.content());
        config.theme().ifPresent(roots::add);
        roots.addAll(config.scorecards());
        for (Path root : roots) {
            Path folder = Files.isDirectory(root) ? root : root.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                continue;
            }
            try {
                Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (!dir.equals(folder) && excluded(dir, config)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | ClosedWatchServiceException e) {
                // a folder that cannot be watched is built from, but not watched
            }
        }
    }

    private static boolean excluded(Path path, PavedConfig config) {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.startsWith(config.output().toAbsolutePath().normalize())
                || absolute.startsWith(config.cache().toAbsolutePath().normalize())) {
            return true;
        }
        Path project = config.projectDir().toAbsolutePath().normalize();
        Path inside = absolute.startsWith(project) ? project.relativize(absolute) : absolute.getFileName();
        for (Path part : inside == null ? Path.of("") : inside) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
