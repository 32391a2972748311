package dev.paved.site;

import dev.paved.catalog.EntityRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Where each kind of page lives in the site, relative to its root. */
public final class SitePaths {

    /** The portal's home page. */
    public static final String HOME = "index.html";
    /** The catalog table of every entity. */
    public static final String CATALOG = "catalog/index.html";
    /** Every doc set, with its owner and when it last changed. */
    public static final String DOCS_HUB = "docs/index.html";
    /** Where people look for docs by habit; leads to {@link #DOCS_HUB} unless a content page is there. */
    public static final String GUIDES = "guides/index.html";
    /** Every API of the catalog. */
    public static final String APIS = "apis/index.html";
    /** The catalog graph explorer. */
    public static final String GRAPH = "graph/index.html";
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
        return "problems/" + segment(group.namespace()) + "/" + segment(group.name()) + "/index.html";
    }

    private static String triplet(EntityRef ref) {
        return segment(ref.namespace()) + "/" + segment(ref.kind()) + "/" + segment(ref.name());
    }

    /** What Backstage accepts as a name, namespace or kind: letters and digits, single separators between them. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+([-_.][a-z0-9]+)*");

    /**
     * One path segment from one part of a reference. A valid name is its own segment; anything else (a reference
     * to an entity that does not exist may hold {@code ..}, slashes, NUL or 300 letters) becomes {@code ~} and a
     * hash of it, which no valid name can equal, so no reference leaves its folder or takes another's page.
     */
    static String segment(String part) {
        if (part.length() <= 63 && NAME.matcher(part).matches()) {
            return part;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(part.getBytes(StandardCharsets.UTF_8));
            return "~" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
