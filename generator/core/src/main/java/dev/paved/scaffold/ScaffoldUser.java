package dev.paved.scaffold;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.SystemReader;

/**
 * {@code user.*} for a template run from the command line: the catalog's User whose email is the one of the local
 * git configuration, else a user made from that configuration's name and email.
 */
public final class ScaffoldUser {

    private ScaffoldUser() {
    }

    /** {@code {entity, ref}} for the person named by git's {@code user.name} and {@code user.email}. */
    public static Map<String, Object> fromGitConfig(Catalog catalog) {
        String name = null;
        String email = null;
        try {
            StoredConfig config = SystemReader.getInstance().getUserConfig();
            name = config.getString("user", null, "name");
            email = config.getString("user", null, "email");
        } catch (Exception e) {
            // no readable git configuration: an anonymous user
        }
        return of(catalog, name, email);
    }

    static Map<String, Object> of(Catalog catalog, String name, String email) {
        if (catalog != null && email != null) {
            for (Entity e : catalog.entities()) {
                if (e.kind().equalsIgnoreCase("User")
                        && email.equalsIgnoreCase(e.spec().path("profile").path("email").asText())) {
                    Map<String, Object> entity = new LinkedHashMap<>();
                    entity.put("apiVersion", e.apiVersion());
                    entity.put("kind", e.kind());
                    entity.put("metadata", Map.of("name", e.name(), "namespace", e.namespace()));
                    entity.put("spec", new com.fasterxml.jackson.databind.ObjectMapper().convertValue(e.spec(), Map.class));
                    return Map.of("entity", entity, "ref", e.ref().toString());
                }
            }
        }
        String id = (email != null ? email.replaceFirst("@.*", "") : name != null ? name : "guest")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        Map<String, Object> profile = new LinkedHashMap<>();
        if (name != null) {
            profile.put("displayName", name);
        }
        if (email != null) {
            profile.put("email", email);
        }
        Map<String, Object> entity = Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "User",
                "metadata", Map.of("name", id, "namespace", "default"), "spec", Map.of("profile", profile));
        return Map.of("entity", entity, "ref", "user:default/" + id);
    }
}
