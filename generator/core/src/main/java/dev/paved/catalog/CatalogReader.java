package dev.paved.catalog;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.credential.Redact;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads catalogs the way Backstage ingests them: from entry files, following {@code Location} entities to further
 * files, validating every document, resolving placeholders and deriving relations in both directions.
 *
 * <p>Nothing is thrown for bad input: each problem becomes a diagnostic, the broken document is left out and the
 * rest is read.
 */
public final class CatalogReader {

    private final Diagnostics diagnostics;
    private final Map<EntityRef, Entity> entities = new LinkedHashMap<>();
    private final List<DeclaredRelations.Declared> declared = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private Set<EntityRef> elsewhere = Set.of();
    private RemoteTexts remote = RemoteTexts.NONE;

    /** A file waiting to be read, and the repository it belongs to. */
    private record Pending(Path file, Path repositoryRoot, boolean followLocations) {
    }

    private CatalogReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Reads every source and merges them into one catalog.
     *
     * @param sources     where to start
     * @param diagnostics where problems go
     */
    public static Catalog read(List<CatalogSource> sources, Diagnostics diagnostics) {
        return read(sources, Set.of(), diagnostics);
    }

    /**
     * Reads every source and merges them into one catalog, counting references to {@code elsewhere} (entities of a
     * published catalog) as resolved.
     */
    public static Catalog read(List<CatalogSource> sources, Set<EntityRef> elsewhere, Diagnostics diagnostics) {
        return read(sources, elsewhere, RemoteTexts.NONE, diagnostics);
    }

    /**
     * Reads every source and merges them into one catalog, as {@link #read(List, Set, Diagnostics)} does, the
     * placeholders that name an absolute URL read by {@code remote}.
     */
    public static Catalog read(List<CatalogSource> sources, Set<EntityRef> elsewhere, RemoteTexts remote,
                               Diagnostics diagnostics) {
        CatalogReader reader = new CatalogReader(diagnostics);
        reader.elsewhere = elsewhere;
        reader.remote = remote;
        for (CatalogSource source : sources) {
            if (!Files.isRegularFile(source.entryFile())) {
                diagnostics.error(SourcePosition.of(DisplayPath.of(source.entryFile())), Code.MISSING_CATALOG_FILE,
                        "No catalog file here: " + DisplayPath.of(source.entryFile()) + " does not exist");
                continue;
            }
            if (!RepositoryFiles.isInside(source.repositoryRoot(), source.entryFile())) {
                // A link out of the folder (catalog-info.yaml -> /etc/passwd) is never read, not even to quote it.
                diagnostics.error(SourcePosition.of(DisplayPath.of(source.entryFile())), Code.PATH_OUTSIDE_REPOSITORY,
                        DisplayPath.of(source.entryFile()) + " links to a file outside "
                                + DisplayPath.of(source.repositoryRoot()) + "; not read");
                continue;
            }
            reader.enqueue(source.entryFile(), source.repositoryRoot(), source.followLocations());
        }
        reader.drain();
        return reader.assemble(!sources.isEmpty() && sources.stream().allMatch(CatalogSource::followLocations));
    }

    private void enqueue(Path file, Path root, boolean followLocations) {
        Path normal = file.toAbsolutePath().normalize();
        if (seen.add(normal)) {
            queue.add(new Pending(normal, root, followLocations));
        }
    }

    /**
     * Reads what is queued: the files of a batch are parsed and checked in parallel (each on its own), then merged
     * one by one in queue order, so the result and its diagnostics do not depend on the threads. Locations found in
     * a batch queue the next one.
     */
    private void drain() {
        while (!queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>(queue);
            queue.clear();
            List<List<Parsed>> parsed = (batch.size() > 1 ? batch.parallelStream() : batch.stream())
                    .map(p -> readFile(p.file(), p.repositoryRoot(), p.followLocations())).toList();
            for (List<Parsed> file : parsed) {
                file.forEach(this::merge);
            }
        }
    }

    /** A document that passed every check of its own, with the relations it declares. */
    private record Parsed(Entity entity, List<DeclaredRelations.Declared> relations, boolean followLocations) {
    }

    private List<Parsed> readFile(Path file, Path root, boolean followLocations) {
        String display = DisplayPath.of(file);
        String text;
        try {
            long size = Files.size(file);
            if (size > 4L * YamlReader.MAX_CHARS) {
                diagnostics.error(SourcePosition.of(display), Code.YAML_SYNTAX, display + " has " + size
                        + " bytes, more than a catalog file can; not read");
                return List.of();
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(display), Code.UNREADABLE_FILE, "Could not read " + display + ": "
                    + (e instanceof java.nio.charset.MalformedInputException ? "it is not UTF-8 text" : e.getMessage()));
            return List.of();
        }
        List<Parsed> out = new ArrayList<>();
        for (YamlDocument document : YamlReader.read(display, text, diagnostics)) {
            parseDocument(document, file, root, followLocations).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Parsed> parseDocument(YamlDocument document, Path file, Path root, boolean followLocations) {
        Optional<JsonNode> resolved = new Placeholders(root, file.getParent(), document, diagnostics, remote)
                .resolve(document.root());
        if (resolved.isEmpty() || !EntityValidator.validate(resolved.get(), document, diagnostics)) {
            return Optional.empty();
        }
        EntitySource source = new EntitySource(file, root, document);
        Entity entity = EntityFactory.create(resolved.get(), source);
        List<DeclaredRelations.Declared> relations = DeclaredRelations.of(entity.kind(), entity.ref(), entity.spec(),
                source, diagnostics);
        return relations == null ? Optional.empty() : Optional.of(new Parsed(entity, relations, followLocations));
    }

    private void merge(Parsed parsed) {
        Entity entity = parsed.entity();
        Entity earlier = entities.get(entity.ref());
        if (earlier != null) {
            diagnostics.warning(entity.source().at("/metadata/name"), Code.DUPLICATE_ENTITY,
                    entity.ref().toShortString() + " is already defined at " + earlier.source().at("/metadata/name")
                    + "; the first definition read wins, as Backstage keeps the entity of the location that "
                    + "claimed it first");
            return;
        }
        entities.put(entity.ref(), entity);
        declared.addAll(parsed.relations());
        if (entity.kind().equals("Location") && parsed.followLocations()) {
            followLocation(entity, entity.source().file(), entity.source().repositoryRoot());
        }
    }

    private void followLocation(Entity location, Path file, Path root) {
        List<String> targets = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        location.specText("target").ifPresent(t -> {
            targets.add(t);
            pointers.add("/spec/target");
        });
        List<String> many = location.specList("targets");
        for (int i = 0; i < many.size(); i++) {
            targets.add(many.get(i));
            pointers.add("/spec/targets/" + i);
        }
        boolean optional = location.specText("presence").filter("optional"::equals).isPresent();
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            SourcePosition at = location.source().at(pointers.get(i));
            if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                diagnostics.warning(at, Code.REMOTE_LOCATION, "Location target " + Redact.url(target)
                        + " is a URL; remote targets are read by the crawl, not from a local folder");
                continue;
            }
            if (isGlob(target)) {
                List<Path> matches = glob(root, file.getParent(), target, at);
                if (matches.isEmpty() && !optional) {
                    diagnostics.warning(at, Code.LOCATION_EMPTY, "Location target " + target + " matches no file");
                }
                matches.forEach(m -> enqueue(m, root, true));
                continue;
            }
            Optional<Path> resolved = RepositoryFiles.resolveInside(root, file.getParent(), target);
            if (resolved.isEmpty()) {
                diagnostics.error(at, Code.PATH_OUTSIDE_REPOSITORY, "Location target " + target
                        + " is outside the repository " + DisplayPath.of(root));
            } else if (target.endsWith("/")) {
                diagnostics.error(at, Code.LOCATION_TARGET_FOLDER, "Location target " + target
                        + " is a folder; name a file");
            } else if (!Files.isRegularFile(resolved.get())) {
                if (!optional) {
                    diagnostics.error(at, Code.LOCATION_MISSING, "Location target " + target + " does not exist ("
                            + DisplayPath.of(resolved.get()) + ")");
                }
            } else {
                enqueue(resolved.get(), root, true);
            }
        }
    }

    private static boolean isGlob(String target) {
        return target.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private List<Path> glob(Path root, Path directory, String pattern, SourcePosition at) {
        String[] parts = pattern.split("/");
        StringBuilder base = new StringBuilder();
        int i = 0;
        for (; i < parts.length - 1 && !isGlob(parts[i]); i++) {
            base.append(parts[i]).append('/');
        }
        Optional<Path> baseDir = base.length() == 0 ? Optional.of(directory)
                : RepositoryFiles.resolveInside(root, directory, base.toString());
        if (baseDir.isEmpty()) {
            diagnostics.error(at, Code.PATH_OUTSIDE_REPOSITORY, "Location target " + pattern
                    + " is outside the repository " + DisplayPath.of(root));
            return List.of();
        }
        if (!Files.isDirectory(baseDir.get())) {
            return List.of();
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
        Optional<PathMatcher> glob = RepositoryFiles.glob(rest);
        if (glob.isEmpty()) {
            diagnostics.error(at, Code.LOCATION_MISSING, "Location target " + pattern + " is not a valid glob");
            return List.of();
        }
        PathMatcher matcher = glob.get();
        try (Stream<Path> files = Files.walk(baseDir.get())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(baseDir.get().relativize(p)))
                    .filter(p -> RepositoryFiles.isInside(root, p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            diagnostics.error(at, Code.UNREADABLE_FILE, "Could not list " + DisplayPath.of(baseDir.get()) + ": "
                    + e.getMessage());
            return List.of();
        }
    }

    private Catalog assemble(boolean wholeCatalog) {
        List<Relation> relations = new ArrayList<>();
        for (DeclaredRelations.Declared d : declared) {
            relations.add(d.relation());
            if (entities.containsKey(d.relation().target())) {
                relations.add(d.relation().reverse());
            }
        }
        Catalog catalog = new Catalog(entities.values(), relations,
                seen.stream().map(DisplayPath::of).sorted().toList());
        CatalogChecks.run(catalog, declared, elsewhere, wholeCatalog, diagnostics);
        return catalog;
    }
}
