package dev.paved.site;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import dev.paved.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A theme: Pebble templates (autoescaping on) and static assets. The default theme is built into Paved; a theme
 * folder overrides any of its templates and assets. Assets are written under content-hashed names so they can be
 * cached forever.
 */
final class Theme {

    private static final String BUILT_IN = "paved/themes/default/";
    private static final String ASSET_LIST = "assets.list";

    /** A static file of the theme and the hashed path it is written to. */
    record Asset(String name, String path, byte[] bytes) {
    }

    private final PebbleEngine engine;
    private final Map<String, Asset> assets;
    private final String identity;

    private Theme(PebbleEngine engine, Map<String, Asset> assets, String identity) {
        this.engine = engine;
        this.assets = assets;
        this.identity = identity;
    }

    /** The built-in theme, overridden by {@code folder} where it has a file. */
    static Theme load(Optional<Path> folder) {
        List<Loader<?>> loaders = new ArrayList<>();
        folder.ifPresent(f -> {
            FileLoader files = new FileLoader(f.resolve("templates").toString());
            files.setSuffix(".peb");
            loaders.add(files);
        });
        ClasspathLoader builtIn = new ClasspathLoader(Theme.class.getClassLoader());
        builtIn.setPrefix(BUILT_IN + "templates");
        builtIn.setSuffix(".peb");
        loaders.add(builtIn);
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(new DelegatingLoader(loaders))
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .newLineTrimming(true)
                .build();
        Map<String, Asset> assets = new TreeMap<>();
        for (String name : builtInText(ASSET_LIST).lines().map(String::trim).filter(l -> !l.isEmpty()
                && !l.startsWith("#")).toList()) {
            byte[] bytes = folder.map(f -> f.resolve("assets").resolve(name)).filter(Files::isRegularFile)
                    .map(Theme::readFile).orElseGet(() -> builtInBytes("assets/" + name));
            assets.put(name, new Asset(name, hashedPath(name, bytes), bytes));
        }
        MessageDigest identity = Sha256.digest();
        assets.values().forEach(a -> identity.update((a.path() + "\0").getBytes(StandardCharsets.UTF_8)));
        folder.ifPresent(f -> overrides(f.resolve("templates"), identity));
        return new Theme(engine, Map.copyOf(assets), HexFormat.of().formatHex(identity.digest()));
    }

    /**
     * A digest of what the theme renders with beyond Paved's own code: its assets' hashed paths and the folder's
     * templates. Pages rendered by themes of the same identity from the same model are the same.
     */
    String identity() {
        return identity;
    }

    /** Adds every file of a theme folder's templates, by path; a folder that cannot be read is never the same. */
    private static void overrides(Path templates, MessageDigest identity) {
        if (!Files.isDirectory(templates)) {
            return;
        }
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] name = templates.relativize(file).toString().getBytes(StandardCharsets.UTF_8);
                byte[] bytes = Files.readAllBytes(file);
                identity.update(ByteBuffer.allocate(8).putInt(name.length).putInt(bytes.length).array());
                identity.update(name);
                identity.update(bytes);
            }
        } catch (IOException | UncheckedIOException e) {
            identity.update(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Renders a template with a context. */
    String render(String template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Every asset. */
    Map<String, Asset> assets() {
        return assets;
    }

    /** The hashed site-relative path of each asset, by its name. */
    Map<String, String> assetPaths() {
        Map<String, String> out = new TreeMap<>();
        assets.forEach((k, v) -> out.put(k, v.path()));
        return out;
    }

    private static String hashedPath(String name, byte[] bytes) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 10);
            int dot = name.lastIndexOf('.');
            return "assets/" + (dot < 0 ? name + "." + hash : name.substring(0, dot) + "." + hash
                    + name.substring(dot));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String builtInText(String path) {
        return new String(builtInBytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] builtInBytes(String path) {
        try (InputStream in = Theme.class.getClassLoader().getResourceAsStream(BUILT_IN + path)) {
            if (in == null) {
                throw new IllegalStateException("The built-in theme has no " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
