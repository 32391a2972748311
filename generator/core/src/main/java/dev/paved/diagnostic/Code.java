package dev.paved.diagnostic;

/**
 * Every kind of problem Paved reports, with a stable identifier ({@code PAVED-E012}) that CI filters and
 * documentation can rely on, and a hint on how to fix it. {@code E} codes are errors by default, {@code W} codes
 * warnings (errors under {@code --strict}). Identifiers are never reused.
 */
public enum Code {
    YAML_SYNTAX("E001", "yaml-syntax", "Fix the YAML at the position shown; quote values that contain ': ' or start with '{', '%' or '*'."),
    YAML_DUPLICATE_KEY("E002", "yaml-duplicate-key", "Remove or rename one of the two keys."),
    NOT_AN_ENTITY("E003", "not-an-entity", "Each YAML document must be a map with apiVersion, kind, metadata and spec."),
    UNKNOWN_ROOT_FIELD("E004", "unknown-root-field", "Move the field under metadata or spec."),
    MISSING_FIELD("E005", "missing-field", "Add the required field."),
    INVALID_FIELD("E006", "invalid-field", "Give the field a value of the type the kind's schema expects."),
    INVALID_NAME("E007", "invalid-name", "Use letters, digits and [-_.] between them, at most 63 characters."),
    INVALID_TAG("E008", "invalid-tag", "Tags are lower case [a-z0-9+#] words joined by '-', at most 63 characters."),
    INVALID_LINK("E009", "invalid-link", "Give the link an absolute URL such as https://…"),
    UNKNOWN_KIND("E010", "unknown-kind", "Use a built-in kind with its apiVersion (backstage.io/v1alpha1; scaffolder.backstage.io/v1beta3 for Template)."),
    INVALID_REF("E011", "invalid-ref", "Write references as [kind:][namespace/]name; dependsOn needs the kind."),
    PATH_OUTSIDE_REPOSITORY("E012", "path-outside-repository", "Refer only to files inside the same repository."),
    PLACEHOLDER_INVALID("E013", "placeholder-invalid", "Write a placeholder as {$text: ./relative/path}."),
    PLACEHOLDER_UNREADABLE("E014", "placeholder-unreadable", "Check that the placeholder's file exists and parses."),
    MISSING_CATALOG_FILE("E015", "missing-catalog-file", "Add a catalog-info.yaml or point the source at a catalog file."),
    UNREADABLE_FILE("E016", "unreadable-file", "Check the file's permissions and encoding (UTF-8)."),
    LOCATION_MISSING("E017", "location-missing", "Fix the target path, or set presence: optional."),
    LOCATION_TARGET_FOLDER("E018", "location-target-folder", "Name a file, or use a glob such as ./*/catalog-info.yaml."),
    INVALID_CONFIG("E019", "invalid-config", "paved.yaml must be a map of settings."),
    RESERVED_PATH("E020", "reserved-path", "Move the page out of catalog/, docs/, apis/, graph/, assets/, problems/ and search/."),
    DUPLICATE_PAGE("E021", "duplicate-page", "Rename one of the two pages."),
    TECHDOCS_MISSING("E022", "techdocs-missing", "Point backstage.io/techdocs-ref at a folder with mkdocs.yml or docs/."),
    RULE_VIOLATION("E023", "rule-violation", "Follow the organisation's catalog rules in paved.yaml."),
    INVALID_SCORECARD("E024", "invalid-scorecard", "A scorecard has metadata.name, spec.levels and spec.rules, each "
            + "rule with id, title, level and check; see docs/scorecards.md."),
    BELOW_LEVEL("E025", "below-level", "Pass the failed rules listed; each says why it matters and how to fix it."),
    PAGE_FAILED("E026", "page-failed", "The page could not be rendered and was left out; the rest of the portal was "
            + "built. Report the message with the input it names."),
    LOCATIONS_EMPTY("E027", "locations-empty", "Check the app-config's catalog.locations: file targets resolve from "
            + "the backend's folder (backendDir in paved.yaml; packages/backend when it exists)."),

    DANGLING_REF("W001", "dangling-ref", "Define the entity, or fix the reference's kind, namespace or name."),
    DUPLICATE_ENTITY("W002", "duplicate-entity", "Remove one of the two definitions; the first one read is kept."),
    RELATION_CYCLE("W003", "relation-cycle", "Break the cycle: an entity cannot be part of, or a parent of, itself."),
    USER_WITHOUT_GROUP("W004", "user-without-group", "Add the user to a group in spec.memberOf."),
    API_WITHOUT_PROVIDER("W005", "api-without-provider", "List the API in some component's spec.providesApis."),
    LOCATION_EMPTY("W006", "location-empty", "Fix the glob, or set presence: optional."),
    REMOTE_LOCATION("W007", "remote-location", "Remote targets are read by the crawl; list the repository as a source."),
    PLACEHOLDER_REMOTE("W008", "placeholder-remote", "Keep the file in the repository and refer to it with a relative path."),
    TECHDOCS_REF_UNSUPPORTED("W009", "techdocs-ref-unsupported", "Use dir:. or a dir: path inside the repository."),
    MKDOCS_NAV("W010", "mkdocs-nav", "nav is a list of pages, 'Title: page.md' entries and sections."),
    BROKEN_LINK("W011", "broken-link", "Fix the link's path relative to the page."),
    BROKEN_ANCHOR("W012", "broken-anchor", "Link to a heading that exists on the page."),
    UNKNOWN_CONFIG_KEY("W013", "unknown-config-key", "Check the setting's spelling."),
    FRONT_MATTER("W014", "front-matter", "Front matter is a YAML map between --- lines."),
    MKDOCS_CONFIG("W015", "mkdocs-config", "Paved renders MkDocs' core Markdown and the extensions TechDocs uses; "
            + "see docs/compatibility.md."),
    REPOSITORY_UNREACHABLE("W016", "repository-unreachable", "Check the URL, the token's access and the server; "
            + "the portal keeps the repository's last crawled data meanwhile."),
    UNKNOWN_FACT("W018", "unknown-fact", "Use a fact Paved computes; see docs/scorecards.md for the list."),
    DISCOVERY_FAILED("W017", "discovery-failed", "Check the organisation's name, the API URL and the token "
            + "(its variable must be set in the environment)."),
    FILE_NOT_PUBLISHED("W019", "file-not-published", "Link to the file's source in the repository instead, or "
            + "convert it to a page (Markdown) or a passive type such as PNG or PDF."),
    MORE_PROBLEMS("W020", "more-problems", "Fix the problems listed for the file first; the others are listed once "
            + "fewer remain."),
    PREVIOUS_SCORES_UNREADABLE("W021", "previous-scores-unreadable", "Check previousScorecards in paved.yaml: the "
            + "last publish's scorecards.json (a file, a site folder or a URL); trends are shown once it is read."),
    PLACEHOLDER_HOST_NOT_ALLOWED("W022", "placeholder-host-not-allowed", "Add the host to integrations (the "
            + "app-config's or paved.yaml's), with a token variable if it needs one, or keep the file in the "
            + "repository and refer to it with a relative path."),
    PLACEHOLDER_STALE("W023", "placeholder-stale", "Check the network, the URL and the integration's token; the "
            + "copy fetched by an earlier build is shown meanwhile."),
    DIAGRAM_NOT_DRAWN("W024", "diagram-not-drawn", "Fix the diagram's syntax; for Graphviz, install it (the dot "
            + "program) where Paved runs, as TechDocs needs it."),
    INTEGRATION_UNAVAILABLE("W025", "integration-unavailable", "Check the integration's host, apiBaseUrl and "
            + "token (its variable must be set and may read the project) and the annotation's project; the entity "
            + "page's card says what the service answered."),
    GITOPS_UNRESOLVED("W026", "gitops-unresolved", "Fix the file, or keep the manifests, overlays and values it "
            + "names inside the repository; the environment's card says what was not read."),
    HISTORY_UNREADABLE("W027", "history-unreadable", "Check the repository's clone or the crawl cache (delete its "
            + "folder to fetch it again); the component's delivery metrics are left out meanwhile.");

    private final String id;
    private final String slug;
    private final String hint;

    Code(String number, String slug, String hint) {
        this.id = "PAVED-" + number;
        this.slug = slug;
        this.hint = hint;
    }

    /** The stable identifier, e.g. {@code PAVED-E012}. */
    public String id() {
        return id;
    }

    /** A readable name, e.g. {@code path-outside-repository}. */
    public String slug() {
        return slug;
    }

    /** How to fix such a problem, in one sentence. */
    public String hint() {
        return hint;
    }

    /** The severity of this code when nothing raises it. */
    public Severity defaultSeverity() {
        return id.startsWith("PAVED-E") ? Severity.ERROR : Severity.WARNING;
    }
}
