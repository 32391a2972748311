package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.content.ContentReader;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.docs.DocSet;
import dev.paved.docs.MarkdownRenderer;
import dev.paved.docs.PageStore;
import dev.paved.docs.RemoteImages;
import dev.paved.docs.TechDocsBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/** Docs: renders every entity's TechDocs, in parallel, and the portal's own pages. */
final class DocsStage {

    /**
     * @param catalog the catalog whose entities' docs are built
     * @param content the folder of the portal's own pages
     * @param pool    the threads the doc sets are rendered on
     * @param store   where rendered pages are kept until the site is written, or empty to keep them in memory
     * @param cache   the folder of doc sets rendered by earlier builds ({@link DocsCache}), or empty to render all
     * @param shard   this build's share of the doc sets, when it renders only that share into the cache
     */
    record Input(Catalog catalog, Path content, RemoteImages remoteImages, ExecutorService pool,
                 Optional<PageStore> store, Optional<Path> cache, Optional<Pipeline.Shard> shard) {
    }

    /**
     * @param docs    each entity's docs, in the catalog's order
     * @param content the portal's own pages
     */
    record Output(Map<EntityRef, DocSet> docs, ContentReader.Content content) {
    }

    private DocsStage() {
    }

    static Stage<Output> run(Input in) {
        return Stage.run("docs", diagnostics -> {
            MarkdownRenderer markdown = new MarkdownRenderer(in.remoteImages());
            TechDocsBuilder techDocs = new TechDocsBuilder(markdown, diagnostics);
            Optional<DocsCache> cache = in.cache().map(folder -> new DocsCache(folder, in.remoteImages().toString()));
            // Entities whose docs are in the same place (a monorepo's catalog file listing several components with
            // dir:.) share them: each place is rendered once.
            Map<TechDocsBuilder.Location, List<Entity>> places = new LinkedHashMap<>();
            Map<TechDocsBuilder.Location, TechDocsBuilder.Location> first = new LinkedHashMap<>();
            for (Entity entity : in.catalog().entities()) {
                techDocs.locate(entity).ifPresent(l -> {
                    places.computeIfAbsent(l.shared(), k -> new ArrayList<>()).add(entity);
                    first.putIfAbsent(l.shared(), l);
                });
            }
            List<Callable<Optional<DocSet>>> tasks = new ArrayList<>();
            if (in.shard().isPresent() && cache.isPresent()) {
                // A matrix job renders its share only; the job that assembles the site finds them all in the cache.
                places.keySet().removeIf(place -> !in.shard().get().includes(
                        cache.get().key(place.at(first.get(place).at()))));
            }
            for (TechDocsBuilder.Location place : places.keySet()) {
                tasks.add(() -> build(techDocs, cache, place.at(first.get(place).at()), in, diagnostics));
            }
            List<Optional<DocSet>> built = Parallel.all(in.pool(), tasks);
            Map<EntityRef, DocSet> byEntity = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<TechDocsBuilder.Location, List<Entity>> place : places.entrySet()) {
                Optional<DocSet> docs = built.get(i++);
                for (Entity entity : place.getValue()) {
                    // Without a site_name in mkdocs.yml, the docs are titled by their entity.
                    docs.ifPresent(d -> byEntity.put(entity.ref(), d.siteName().isEmpty()
                            ? d.withSiteName(entity.displayName()) : d));
                    if (docs.isEmpty() && entity != place.getValue().get(0)) {
                        // Each entity hears what is wrong with its docs, at its own annotation.
                        techDocs.locate(entity).ifPresent(l -> build(techDocs, cache, l, in, diagnostics));
                    }
                }
            }
            Map<EntityRef, DocSet> docs = new LinkedHashMap<>();
            in.catalog().entities().forEach(e -> {
                if (byEntity.containsKey(e.ref())) {
                    docs.put(e.ref(), byEntity.get(e.ref()));
                }
            });
            if (in.shard().isEmpty()) {
                cache.ifPresent(DocsCache::removeUnused);
            }
            return new Output(docs, ContentReader.read(in.content(), markdown, diagnostics));
        });
    }

    /** One place's docs, kept in the store as soon as they are rendered: memory holds the sets being rendered. */
    private static Optional<DocSet> build(TechDocsBuilder techDocs, Optional<DocsCache> cache,
                                          TechDocsBuilder.Location place, Input in, Diagnostics diagnostics) {
        try {
            Optional<DocsCache.Hit> hit = cache.flatMap(c -> c.find(place, techDocs));
            Optional<DocSet> docs;
            if (hit.isPresent()) {
                hit.get().problems().forEach(diagnostics::add);
                docs = hit.get().docs();
            } else {
                // Problems are gathered per doc set, with or without a cache, so that both report them alike.
                Diagnostics found = new Diagnostics();
                TechDocsBuilder.Built built = techDocs.buildTracked(place, found);
                List<Diagnostic> problems = found.unsummed();
                Optional<String> digest = cache.flatMap(c -> c.keep(place, built, problems, techDocs));
                problems.forEach(diagnostics::add);
                docs = built.docs().map(d -> d.withDigest(digest.orElse("")));
            }
            return docs.map(d -> in.store().map(d::keptIn).orElse(d));
        } catch (RuntimeException | StackOverflowError e) { // one broken doc set is reported; the others are built
            diagnostics.error(place.at(), Code.PAGE_FAILED, "could not build the docs in " + DisplayPath.of(
                    place.dir()) + ": " + e);
            return Optional.empty();
        }
    }
}
