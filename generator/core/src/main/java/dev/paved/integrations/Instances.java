package dev.paved.integrations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The configured services of one kind, and which of them an annotation names. */
final class Instances {

    private Instances() {
    }

    /** The services of {@code kind}, in the order configured. */
    static List<Service> of(List<Service> all, String kind) {
        return all.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    /**
     * The instance {@code name} names; when no name is given, the only one, else the one named {@code default}.
     */
    static Optional<Service> named(List<Service> mine, String name) {
        if (!name.isBlank()) {
            return mine.stream().filter(s -> s.name().equals(name.trim())).findFirst();
        }
        return mine.size() == 1 ? Optional.of(mine.get(0))
                : mine.stream().filter(s -> s.name().equals("default")).findFirst();
    }

    /** Why no instance is picked, for a card: the names there are. */
    static String notNamed(List<Service> mine, String annotation, String name) {
        String names = mine.stream().map(Service::name).collect(Collectors.joining(", "));
        return name.isBlank()
                ? "several instances are configured (" + names + ") and none is named default; " + annotation
                + " says which; nothing was asked"
                : annotation + " names " + name + ", which is not configured (" + names + "); nothing was asked";
    }

    /** Where a service's links go: its {@code web} setting, else its URL. */
    static String web(Service s) {
        return s.setting("web").map(w -> w.replaceAll("/+$", "")).orElse(s.url());
    }

    /** A query parameter's value, encoded. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
