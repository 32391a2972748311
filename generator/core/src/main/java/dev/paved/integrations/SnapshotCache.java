package dev.paved.integrations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.paved.catalog.EntityRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last snapshot each service gave, kept between builds (in the cache folder), so that a build that cannot reach
 * a service shows what it said last, and says so and when, rather than nothing: the card keeps its "as of" time and
 * adds why it is not newer. Only answers are kept; a service that never answered has nothing to show.
 *
 * <p>The file is the build's own: a file it cannot read (another version's, damaged) is ignored, never an error.
 */
public final class SnapshotCache {

    /** The readings a cache holds, by the name written for each. */
    private static final List<NamedType> READINGS = List.of(
            new NamedType(CiRuns.class, "ci"),
            new NamedType(Workloads.class, "kubernetes"),
            new NamedType(ArgoApps.class, "argocd"),
            new NamedType(Dashboards.class, "grafana"),
            new NamedType(OnCall.class, "oncall"),
            new NamedType(QualityGate.class, "quality"),
            new NamedType(HostDeployments.class, "deployments"),
            new NamedType(Reading.Nothing.class, "nothing"));

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                    .allowIfSubType("dev.paved.integrations.").build())
            .build();

    static {
        JSON.registerSubtypes(READINGS.toArray(NamedType[]::new));
        JSON.addMixIn(Reading.class, ReadingType.class);
        JSON.addMixIn(Snapshot.class, SnapshotFields.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    private interface ReadingType {
    }

    @JsonIgnoreProperties({"kind", "ok", "state"})
    private interface SnapshotFields {
    }

    private SnapshotCache() {
    }

    /**
     * {@code now}'s snapshots, each that did not answer replaced by the one {@code previous} kept of the same entity,
     * service and source, if it answered: its time unchanged, its message saying why it is not newer.
     */
    public static Snapshots restore(Snapshots now, Snapshots previous) {
        Map<EntityRef, List<Snapshot>> out = new LinkedHashMap<>();
        now.byEntity().forEach((ref, list) -> {
            List<Snapshot> kept = new ArrayList<>();
            for (Snapshot s : list) {
                kept.add(s.ok() ? s : previous.of(ref).stream().filter(Snapshot::ok)
                        .filter(p -> p.service().equals(s.service()) && p.source().equals(s.source()))
                        .findFirst().map(p -> new Snapshot(p.service(), p.source(), p.asOf(), p.status(),
                                "Not newer: " + s.message() + ". This is what it said at "
                                        + DateTimeFormatter.ISO_INSTANT.format(p.asOf().atOffset(ZoneOffset.UTC))
                                        + ".", p.reading(), p.link()))
                        .orElse(s));
            }
            out.put(ref, kept);
        });
        return new Snapshots(out, now.live());
    }

    /** The snapshots kept in {@code file}; none when it is absent or cannot be read. */
    public static Snapshots read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Snapshots.NONE;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Map<EntityRef, List<Snapshot>> out = new LinkedHashMap<>();
            for (JsonNode entity : root.path("entities")) {
                List<Snapshot> list = new ArrayList<>();
                for (JsonNode s : entity.path("snapshots")) {
                    list.add(JSON.treeToValue(s, Snapshot.class));
                }
                out.put(EntityRef.parse(entity.path("ref").asText(), "component", "default"), list);
            }
            return new Snapshots(out);
        } catch (IOException | RuntimeException e) {
            return Snapshots.NONE;
        }
    }

    /** Keeps in {@code file} the snapshots of {@code now} that answered (those restored from before included). */
    public static void write(Path file, Snapshots now) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode entities = root.putArray("entities");
        now.byEntity().forEach((ref, list) -> {
            List<Snapshot> answered = list.stream().filter(Snapshot::ok).toList();
            if (!answered.isEmpty()) {
                ObjectNode e = entities.addObject();
                e.put("ref", ref.toString());
                ArrayNode snapshots = e.putArray("snapshots");
                answered.forEach(s -> snapshots.add(JSON.valueToTree(s)));
            }
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
