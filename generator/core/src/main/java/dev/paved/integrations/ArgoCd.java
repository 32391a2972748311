package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import dev.paved.docs.RemoteImages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Argo CD applications, as Roadie's Argo CD plugin finds them: {@code argocd/app-name} (one name, or several
 * separated by commas, each its own card) asks {@code GET /api/v1/applications/{name}};
 * {@code argocd/app-selector} (a label selector) asks {@code GET /api/v1/applications?selector=…};
 * {@code argocd/instance-name} says which configured {@code argocd} instance (else the only one, or
 * {@code default}). The token goes as {@code Authorization: Bearer}. With {@code badges: true} each application
 * has its live badge ({@code /api/badge?name=…&revision=true}).
 */
final class ArgoCd implements Integrations.Source {

    static final String SERVICE = "Argo CD";
    static final String APP_NAME = "argocd/app-name";
    static final String APP_SELECTOR = "argocd/app-selector";
    static final String INSTANCE = "argocd/instance-name";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_./=!,()\\s-]+");
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

    private final List<Service> instances;
    private final RemoteImages images;
    private final Calls calls;

    private ArgoCd(List<Service> instances, RemoteImages images, Calls calls) {
        this.instances = instances;
        this.images = images;
        this.calls = calls;
    }

    /** The Argo CD source, when an instance is configured. */
    static Optional<Integrations.Source> source(List<Service> services, RemoteImages images, Calls calls) {
        List<Service> mine = Instances.of(services, "argocd");
        return mine.isEmpty() ? Optional.empty() : Optional.of(new ArgoCd(mine, images, calls));
    }

    @Override
    public List<Snapshot> of(Entity e) {
        Optional<String> names = e.annotation(APP_NAME).map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> selector = e.annotation(APP_SELECTOR).map(String::trim).filter(s -> !s.isEmpty());
        if (names.isEmpty() && selector.isEmpty()) {
            return List.of();
        }
        String named = e.annotation(INSTANCE).orElse("").trim();
        Optional<Service> instance = Instances.named(instances, named);
        String annotation = names.isPresent() ? APP_NAME : APP_SELECTOR;
        if (instance.isEmpty()) {
            return List.of(calls.refuse(e, named.isEmpty() ? annotation : INSTANCE, "argocd", SERVICE,
                    names.or(() -> selector).get(), Instances.notNamed(instances, INSTANCE, named)));
        }
        Service s = instance.get();
        String prefix = s.name().equals("default") ? "" : s.name() + " ";
        List<Snapshot> out = new ArrayList<>();
        names.ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .distinct().forEach(name -> out.add(!NAME.matcher(name).matches()
                        ? calls.refuse(e, APP_NAME, "argocd", SERVICE, prefix + name, APP_NAME + " is one or more "
                        + "application names, separated by commas, not what is written; nothing was asked")
                        : calls.ask(e, APP_NAME, "argocd", SERVICE, prefix + name, Calls.host(s),
                        Calls.host(s) + " app " + name, () -> {
                            JsonNode app = api(s).get(s.url() + "/api/v1/applications/" + name);
                            return new Snapshot.Parts(new ArgoApps(List.of(app(app, s))),
                                    Instances.web(s) + "/applications/" + name);
                        }))));
        selector.ifPresent(sel -> out.add(!SELECTOR.matcher(sel).matches()
                ? calls.refuse(e, APP_SELECTOR, "argocd", SERVICE, prefix + sel, APP_SELECTOR + " is a label "
                + "selector (team=parcels,tier!=batch), not what is written; nothing was asked")
                : calls.ask(e, APP_SELECTOR, "argocd", SERVICE, prefix + sel, Calls.host(s),
                Calls.host(s) + " selector " + sel, () -> {
                    JsonNode list = api(s).get(s.url() + "/api/v1/applications?selector=" + Instances.query(sel));
                    List<ArgoApps.App> apps = new ArrayList<>();
                    list.path("items").forEach(a -> apps.add(app(a, s)));
                    apps.sort(Comparator.comparing(ArgoApps.App::name));
                    return new Snapshot.Parts(new ArgoApps(apps), Instances.web(s) + "/applications?labels="
                            + Instances.query(sel));
                })));
        return out;
    }

    private Api api(Service s) throws TokenRefusedException {
        return calls.api(s, TokenHttp.Header.BEARER, HEADERS);
    }

    /** An application of the API's answer (the {@code v1alpha1.Application} of Argo CD's API reference). */
    private ArgoApps.App app(JsonNode a, Service s) {
        String name = a.path("metadata").path("name").asText("");
        JsonNode spec = a.path("spec");
        JsonNode source = spec.path("source").isObject() ? spec.path("source") : spec.path("sources").path(0);
        JsonNode status = a.path("status");
        JsonNode destination = spec.path("destination");
        String revision = status.path("sync").path("revision").asText(status.path("sync").path("revisions")
                .path(0).asText(""));
        List<JsonNode> history = new ArrayList<>();
        status.path("history").forEach(history::add);
        List<ArgoApps.Deployment> latest = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && latest.size() < calls.options().pipelines(); i--) {
            JsonNode h = history.get(i);
            latest.add(new ArgoApps.Deployment(h.path("id").asLong(), h.path("revision").asText(h.path("revisions")
                    .path(0).asText("")), h.path("deployedAt").asText("")));
        }
        List<String> imageList = new ArrayList<>();
        status.path("summary").path("images").forEach(i -> imageList.add(i.asText()));
        Optional<Badge> badge = Optional.empty();
        if (s.enabled("badges") && NAME.matcher(name).matches()) {
            String url = s.url() + "/api/badge?name=" + name + "&revision=true";
            badge = Optional.of(new Badge(url, images.allows(url)));
        }
        return new ArgoApps.App(name, NAME.matcher(name).matches() ? Instances.web(s) + "/applications/" + name : "",
                status.path("sync").path("status").asText("Unknown"),
                status.path("health").path("status").asText("Unknown"), revision,
                source.path("targetRevision").asText(""),
                destination.path("server").asText(destination.path("name").asText("")),
                destination.path("namespace").asText(""), latest, imageList, badge);
    }
}
