package dev.paved.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.docs.DocSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code techdocs_metadata.json} in the shape {@code techdocs-cli generate} writes it, so the same bucket layout can
 * serve Backstage's TechDocs reader during a migration. {@code build_timestamp} is 0 and {@code etag} a hash of
 * the content, so the file is the same for the same docs (the build is reproducible).
 */
final class TechDocsMetadata {

    static final String FILE = "techdocs_metadata.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TechDocsMetadata() {
    }

    static String json(DocSet docs, List<String> files) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("site_name", docs.siteName());
        root.put("site_description", docs.description());
        root.put("etag", etag(docs, files));
        root.put("build_timestamp", 0);
        root.set("files", MAPPER.valueToTree(files.stream().sorted().toList()));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(DocSet docs, List<String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (var page : docs.pages()) {
                digest.update(page.outputPath().getBytes(StandardCharsets.UTF_8));
                digest.update(page.html().getBytes(StandardCharsets.UTF_8));
            }
            files.stream().sorted().forEach(f -> digest.update(f.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
