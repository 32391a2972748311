package dev.paved.site;

import dev.paved.credential.Redact;
import dev.paved.crawl.Crawler;
import dev.paved.gitops.DesiredState;
import dev.paved.integrations.Snapshot;
import java.util.List;

/**
 * The values templates see. URLs in them are relative to the site root; templates prefix them with {@code root}.
 * Public only because Pebble reads them reflectively.
 */
public final class Views {

    private Views() {
    }

    /** A link to an entity, or plain text with a marker when the entity is not in the catalog. */
    public record Ref(String label, String kind, String url, boolean missing, String ref) {
    }

    /** A titled group of links, e.g. "Owned by". */
    public record RefGroup(String label, String type, List<Ref> refs) {
    }

    /** A link with a title. */
    public record Link(String title, String url) {
    }

    /** An annotation, with a URL when its value is one (or names one, as source locations do). */
    public record Annotation(String key, String value, String url) {
    }

    /** A row of the catalog table. */
    public record Row(String ref, String name, String title, String kind, String type, String namespace,
                      String lifecycle, Ref owner, Ref system, List<String> tags, String description, String url,
                      int problems, boolean docs) {
    }

    /** The choices of one catalog filter. */
    public record Filter(String key, String label, List<String> values) {
    }

    /** A navigation entry of a docs site, with the site-relative URL of its page. */
    public record Nav(String title, String url, boolean current, boolean external, List<Nav> children) {
    }

    /** A heading in a page's table of contents. */
    public record Toc(int level, String text, String id) {
    }

    /**
     * One operation of an OpenAPI or AsyncAPI definition: for OpenAPI its responses, for AsyncAPI the messages it
     * sends or receives.
     */
    public record Operation(String method, String path, String summary, String description, List<Param> parameters,
                            List<String> responses, List<ApiViews.Message> messages) {
    }

    /** A parameter of an operation. */
    public record Param(String name, String in, boolean required, String description) {
    }

    /**
     * What an API page shows of the definition: its summary and source; for OpenAPI and AsyncAPI the viewer that
     * draws it in the browser ({@code swagger-ui} or {@code asyncapi}, else empty) and the definition as JSON for it
     * (already escaped for a script element); a GraphQL schema's types or a {@code .proto} file's services, messages
     * and enums (else null); and why the definition could not be read (else empty).
     */
    public record ApiDefinition(String format, String title, String version, String description, List<String> servers,
                                List<Operation> operations, String source, String language, String viewer,
                                String specJson, ApiViews.GraphQlSchema graphql, ApiViews.ProtoFile grpc,
                                String problem) {
    }

    /** A team's share of the catalog's problems, for the problems index. */
    public record TeamProblems(Ref team, String url, long errors, long warnings) {
    }

    /**
     * Where a page is among the pages of a long list: its number, how many there are, which items it shows
     * ("1,001–2,000"), the previous and next page's URL (or null) and a link to every page.
     */
    public record Pager(int number, int count, String shown, String previous, String next, List<PageLink> pages) {
    }

    /** A link to one page of a long list; {@code title} says what it holds. */
    public record PageLink(int number, String url, boolean current, String title) {
    }

    /** A diagnostic as listed on the problems page and on entity pages. */
    public record Problem(String severity, String file, int line, int column, String code, String message,
                          String where, String hint, Ref entity) {
    }

    /** A crawled repository: where it is, which commit the portal shows, when it was crawled, any error. */
    public record Repository(String name, String url, String branch, String status, String commit, String crawledAt,
                             String error) {

        static Repository of(Crawler.Crawled c) {
            return new Repository(c.repository().name(), Redact.url(c.repository().url()),
                    c.repository().branch(), c.status(), c.commit().length() > 12 ? c.commit().substring(0, 12)
                    : c.commit(), c.crawledAt(), c.error().isEmpty() ? "" : Redact.message(c.error()));
        }
    }

    /** A related entity as a row of a table: what Backstage's API and dependency tables show. */
    public record EntityRow(Ref entity, String type, String lifecycle, Ref owner, String description) {
    }

    /** Entities of one kind, e.g. the components a user's teams own. */
    public record KindGroup(String kind, List<EntityRow> rows) {
    }

    /** A member of a group: the user's page, display name and e-mail address. */
    public record Member(Ref user, String email) {
    }

    /** One tab of an entity page: its anchor and label. */
    public record Tab(String id, String label) {
    }

    /**
     * A tab of an entity page holding integrations' cards (CI/CD, Deployments, Operations, Code quality).
     *
     * @param id    the tab's id
     * @param label its title
     * @param cards the snapshots it shows, each by its kind's card template
     */
    public record CardTab(String id, String label, List<Snapshot> cards) {
    }

    /**
     * What a template created: the entities annotated {@code backstage.io/source-template} with its ref.
     *
     * @param rows       those entities
     * @param components how many components the catalog has
     * @param share      the share of them created from it, in whole percent
     */
    public record Adoption(List<EntityRow> rows, int components, int share) {
    }

    /** A doc set on the docs hub: whose it is, its pages and when it last changed. */
    public record DocSetRow(String title, String url, Ref entity, Ref owner, Ref system, int pages, String updated,
                            String description) {
    }

    /** An API on the APIs page. */
    public record ApiRow(EntityRow api, Ref system, int providers, int consumers) {
    }

    /**
     * An environment on a component's Deployments tab.
     *
     * @param env  what Git asks for there
     * @param link    the defining file's page in its repository, or null when it has none
     * @param deploys the folder it deploys when that is elsewhere than the defining file (a Flux
     *                {@code Kustomization}'s {@code spec.path}), else null
     */
    public record EnvironmentView(DesiredState.Environment env, String link, String deploys) {
        static EnvironmentView of(DesiredState.Environment env, String link) {
            boolean elsewhere = !env.folder().isEmpty() && !(env.path() + "/").startsWith(env.folder() + "/");
            return new EnvironmentView(env, link, elsewhere ? env.folder() : null);
        }
    }

    /**
     * A System's environments: its components (rows) by environment (columns).
     *
     * @param environments the environments' names, from the first stage to the last
     * @param rows         one per component with an environment
     */
    public record EnvironmentMatrix(List<String> environments, List<MatrixRow> rows) {
    }

    /**
     * A component's row of the matrix.
     *
     * @param component the component
     * @param cells     one per environment, in the matrix's order
     */
    public record MatrixRow(Ref component, List<MatrixCell> cells) {
    }

    /**
     * What a component runs in one environment: one line per container ({@code tag ×replicas}); empty when it is
     * not deployed there.
     *
     * @param lines   {@code workload/container: tag ×replicas}
     * @param drifted whether a container there runs another image than Git asks for
     */
    public record MatrixCell(List<String> lines, boolean drifted) {
    }
}
