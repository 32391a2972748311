package dev.paved.site;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RelationType;
import dev.paved.content.ContentPage;
import dev.paved.docs.DocSet;
import dev.paved.docs.MarkdownPages;
import dev.paved.search.SearchDocument;
import dev.paved.search.SearchField;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * What the portal's search finds, in the order documents are numbered (entities first, so they win ties): every
 * entity, every section of every docs page (split at its headings, linking the heading's anchor), and every
 * portal page.
 */
public final class SearchDocuments {

    /** Annotations whose values people search for. */
    private static final List<String> SEARCHED_ANNOTATIONS = List.of("github.com/project-slug",
            "gitlab.com/project-slug", "backstage.io/source-location", "jira/project-key",
            "pagerduty.com/service-id", "sonarqube.org/project-key");

    private SearchDocuments() {
    }

    /**
     * A page's text split into sections: the text before its first subheading, then one per heading of level 2 to
     * 4, each with its anchor and the headings above it.
     */
    public record Section(String title, String anchor, List<String> parents, String text) {
        public Section {
            parents = List.copyOf(parents);
        }
    }

    /** How pages are split: {@link #split} itself, or a memo of it (a cache kept between builds). */
    @FunctionalInterface
    public interface Splitter {
        /** The sections of a page of this title and body HTML. */
        List<Section> sections(String pageTitle, String html);
    }

    /** The documents of a site's input. */
    public static List<SearchDocument> of(SiteGenerator.Input input) {
        return of(input, SearchDocuments::split);
    }

    /** The documents of a site's input, pages split by {@code splitter} (which must give what {@link #split} does). */
    public static List<SearchDocument> of(SiteGenerator.Input input, Splitter splitter) {
        List<SearchDocument> out = new ArrayList<>();
        Catalog catalog = input.catalog();
        for (Entity e : catalog.entities()) {
            out.add(entity(e, catalog));
        }
        // Entities sharing a folder share its rendered pages: each page is split once, its text kept once.
        Map<MarkdownPages.Rendered, List<Section>> split = new IdentityHashMap<>();
        input.docs().forEach((ref, docs) -> {
            Map<String, String> facets = catalog.find(ref).map(e -> facets(e, catalog, "Docs"))
                    .orElse(Map.of("kind", "Docs"));
            String base = SitePaths.docsRoot(ref);
            for (MarkdownPages.Rendered page : docs.pages()) {
                add(out, base + page.outputPath(), docs.siteName(), split.computeIfAbsent(page,
                        p -> splitter.sections(p.title(), p.html())), facets, "");
            }
        });
        for (ContentPage p : input.content().pages()) {
            add(out, p.outputPath(), input.title(), splitter.sections(p.title(), p.html()), Map.of("kind", "Page"),
                    String.join(" ", p.tags()));
        }
        return out;
    }

    private static SearchDocument entity(Entity e, Catalog catalog) {
        Map<SearchField, String> fields = new EnumMap<>(SearchField.class);
        fields.put(SearchField.NAME, e.name());
        fields.put(SearchField.TITLE, e.displayName());
        fields.put(SearchField.TAGS, String.join(" ", e.tags()));
        Map<String, String> facets = facets(e, catalog, e.kind());
        List<String> meta = new ArrayList<>();
        meta.add(e.kind());
        e.type().ifPresent(meta::add);
        e.lifecycle().ifPresent(meta::add);
        catalog.related(e.ref(), RelationType.OWNED_BY).forEach(r -> meta.add(r.name()));
        catalog.related(e.ref(), RelationType.PART_OF).forEach(r -> meta.add(r.name()));
        SEARCHED_ANNOTATIONS.forEach(a -> e.annotation(a).ifPresent(meta::add));
        var profile = e.specNode("profile");
        meta.add(profile.path("displayName").asText(""));
        meta.add(profile.path("email").asText(""));
        fields.put(SearchField.META, String.join(" ", meta).strip());
        fields.put(SearchField.TEXT, e.description());
        String context = Stream.of(e.kind(), e.type().orElse(""), facets.getOrDefault("owner", ""))
                .filter(s -> !s.isEmpty()).collect(Collectors.joining(" · "));
        return new SearchDocument(SitePaths.entity(e.ref()), e.displayName(), context, facets, fields);
    }

    private static Map<String, String> facets(Entity e, Catalog catalog, String kind) {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("kind", kind);
        e.type().ifPresent(t -> facets.put("type", t));
        owner(e, catalog).ifPresent(o -> facets.put("owner", o));
        e.lifecycle().ifPresent(l -> facets.put("lifecycle", l));
        return facets;
    }

    private static Optional<String> owner(Entity e, Catalog catalog) {
        return catalog.related(e.ref(), RelationType.OWNED_BY).stream().findFirst()
                .map(r -> catalog.find(r).map(Entity::displayName).orElse(shortRef(r)));
    }

    private static String shortRef(EntityRef r) {
        return r.name();
    }

    /**
     * A page's sections: the text before its first subheading under the page's title, then one per heading of
     * level 2 to 4.
     */
    public static List<Section> split(String pageTitle, String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        List<SectionBuilder> sections = new ArrayList<>();
        SectionBuilder current = new SectionBuilder(pageTitle, "", List.of());
        sections.add(current);
        String[] path = new String[7];
        path[1] = pageTitle;
        for (Element child : body.children()) {
            int level = headingLevel(child);
            if (level == 1 && sections.size() == 1 && current.text.isEmpty()) {
                continue; // the page's own title
            }
            if (level >= 2 && level <= 4) {
                String heading = headingText(child);
                List<String> parents = new ArrayList<>();
                for (int l = 1; l < level; l++) {
                    if (path[l] != null) {
                        parents.add(path[l]);
                    }
                }
                path[level] = heading;
                for (int l = level + 1; l < path.length; l++) {
                    path[l] = null;
                }
                current = new SectionBuilder(heading, child.id(), parents);
                sections.add(current);
                continue;
            }
            String text = child.text();
            if (!text.isEmpty()) {
                current.text.append(text).append(' ');
            }
        }
        List<Section> out = new ArrayList<>();
        for (SectionBuilder b : sections) {
            boolean top = b.anchor.isEmpty();
            if (!top && b.text.isEmpty() && b.title.isEmpty()) {
                continue;
            }
            out.add(new Section(b.title, b.anchor, List.copyOf(b.parents), b.text.toString().strip()));
        }
        return out;
    }

    /** Adds a page's sections as documents of the page at {@code url}. */
    private static void add(List<SearchDocument> out, String url, String site, List<Section> sections,
                            Map<String, String> facets, String tags) {
        for (Section s : sections) {
            boolean top = s.anchor().isEmpty();
            Map<SearchField, String> fields = new EnumMap<>(SearchField.class);
            fields.put(SearchField.TITLE, s.title());
            fields.put(SearchField.HEADINGS, String.join(" ", s.parents()));
            fields.put(SearchField.META, site);
            fields.put(SearchField.TAGS, tags);
            fields.put(SearchField.TEXT, s.text());
            List<String> context = new ArrayList<>();
            context.add(site);
            context.addAll(s.parents());
            out.add(new SearchDocument(top ? url : url + "#" + s.anchor(), s.title(),
                    String.join(" › ", top ? List.of(site) : context), facets, fields));
        }
    }

    /** One section of a page: its heading, anchor, the headings above it and its text. */
    private static final class SectionBuilder {
        final String title;
        final String anchor;
        final List<String> parents;
        final StringBuilder text = new StringBuilder();

        SectionBuilder(String title, String anchor, List<String> parents) {
            this.title = title;
            this.anchor = anchor;
            this.parents = parents;
        }
    }

    private static int headingLevel(Element e) {
        String tag = e.normalName();
        return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6'
                ? tag.charAt(1) - '0' : 0;
    }

    /** A heading's text without the permalink anchor's symbol. */
    private static String headingText(Element h) {
        StringBuilder sb = new StringBuilder();
        for (Node n : h.childNodes()) {
            if (n instanceof TextNode t) {
                sb.append(t.text());
            } else if (n instanceof Element el && !el.hasClass("anchor") && !el.hasClass("headerlink")) {
                sb.append(el.text());
            }
        }
        return sb.toString().strip();
    }
}
