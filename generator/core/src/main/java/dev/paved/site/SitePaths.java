package dev.paved.site;

import dev.paved.catalog.EntityRef;

/** Where each kind of page lives in the site, relative to its root. */
public final class SitePaths {

    /** The portal's home page. */
    public static final String HOME = "index.html";
    /** The catalog table of every entity. */
    public static final String CATALOG = "catalog/index.html";
    /** The list of catalog problems. */
    public static final String PROBLEMS = "problems/index.html";

    /** The page static hosts serve for a missing path. */
    public static final String NOT_FOUND = "404.html";
    /** How the crawl of each repository went. */
    public static final String REPOSITORIES = "repositories/index.html";
    /** The gallery of software templates. */
    public static final String TEMPLATES = "create/index.html";
    /** The search page. */
    public static final String SEARCH = "search/index.html";
    /** The folder of the static search index. */
    public static final String SEARCH_INDEX = "search/";

    private SitePaths() {
    }

    /** {@code catalog/<namespace>/<kind>/<name>/index.html}, in lower case as Backstage's URLs are. */
    public static String entity(EntityRef ref) {
        return "catalog/" + triplet(ref) + "/index.html";
    }

    /** The folder of an entity's TechDocs, {@code docs/<namespace>/<kind>/<name>/}. */
    public static String docsRoot(EntityRef ref) {
        return "docs/" + triplet(ref) + "/";
    }

    /** The problems of what a group owns: {@code problems/<namespace>/<name>/index.html}. */
    public static String teamProblems(EntityRef group) {
        return "problems/" + group.namespace() + "/" + group.name() + "/index.html";
    }

    private static String triplet(EntityRef ref) {
        return ref.namespace() + "/" + ref.kind() + "/" + ref.name();
    }
}
