package dev.paved.docs;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.Escaping;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.core.DiagramDescription;
import net.sourceforge.plantuml.error.PSystemError;

/**
 * PlantUML and Graphviz diagrams drawn at build time, as the two extensions mkdocs-techdocs-core adds draw them:
 * {@code plantuml_markdown} (a {@code plantuml} or {@code uml} fence with {@code alt}, {@code title},
 * {@code classes}, {@code width}, {@code height} attributes, or a {@code ::uml:: … ::end-uml::} block) and
 * Graphviz (markdown_inline_graphviz's {@code {% dot name.svg} … {@code %}} blocks and mkdocs_graphviz's
 * {@code ```graphviz dot name.svg} fences). Each becomes an image whose source is the
 * drawing as an SVG {@code data:} URL, so a page asks no other host for it and no script in a drawing runs.
 *
 * <p>PlantUML runs in the JVM in its sandbox profile (no file, URL or environment is read by an {@code !include});
 * Graphviz runs the {@code dot} family of programs when installed, as TechDocs needs them, and a source naming local
 * files ({@code image=}, {@code shapefile=}…) is refused. A diagram that cannot be drawn keeps its source as code
 * and is reported; one with a PlantUML syntax error shows PlantUML's error drawing and is reported.
 */
final class Diagrams implements HtmlRenderer.HtmlRendererExtension {

    /** Reports a diagram that was not drawn as written: the node's start offset and why. */
    interface Problems {
        void report(int offset, String message);
    }

    static final DataKey<Problems> PROBLEMS =
            new DataKey<>("PAVED_DIAGRAM_PROBLEMS", (Problems) (offset, message) -> { });

    /** The Graphviz layout programs mkdocs_graphviz and markdown_inline_graphviz run. */
    private static final Set<String> GRAPHVIZ_PROGRAMS = Set.of("dot", "neato", "fdp", "sfdp", "twopi", "circo");
    /** Graphviz attributes that read files of the machine drawing the graph. */
    private static final Pattern GRAPHVIZ_FILES = Pattern.compile(
            "\\b(image|shapefile|imagepath|fontpath|fontnames)\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_][\\w-]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|(\\S+))");
    /** markdown_inline_graphviz's block: {@code {% dot name.svg}, the graph, {@code %}} on a line of its own. */
    private static final Pattern GRAPHVIZ_BLOCK = Pattern.compile(
            "(?m)^([ \\t]*)\\{%[ \\t]*(dot|neato|fdp|sfdp|twopi|circo)[ \\t]+(\\S+)[ \\t]*$((?s:.*?))^[ \\t]*%}[ \\t]*$");
    private static final Pattern UML_BLOCK = Pattern.compile("(?m)^([ \\t]*)::uml::([^\\n]*)$((?s:.*?))^[ \\t]*::end-uml::[ \\t]*$");
    private static final long GRAPHVIZ_TIMEOUT_SECONDS = 20;

    static {
        // PlantUML reads this when it first draws: !include and friends may then read no file, URL or variable.
        if (System.getProperty("PLANTUML_SECURITY_PROFILE") == null) {
            System.setProperty("PLANTUML_SECURITY_PROFILE", "SANDBOX");
        }
    }

    private Diagrams() {
    }

    static Diagrams create() {
        return new Diagrams();
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer, String rendererType) {
        renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(FencedCodeBlock.class, Diagrams::render));
    }

    /**
     * plantuml_markdown's {@code ::uml:: attributes} … {@code ::end-uml::} blocks and markdown_inline_graphviz's
     * {@code {% dot name.svg} … {@code %}} blocks as the fences they mean, line for line (so line numbers stay those
     * of the file).
     */
    static String blocksAsFences(String markdown) {
        String text = markdown;
        if (text.contains("::uml::")) {
            text = replace(UML_BLOCK, text, m -> m.group(1) + "```plantuml" + m.group(2) + m.group(3) + m.group(1)
                    + "```");
        }
        if (text.contains("{%")) {
            text = replace(GRAPHVIZ_BLOCK, text, m -> m.group(1) + "```graphviz " + m.group(2) + " " + m.group(3)
                    + m.group(4) + m.group(1) + "```");
        }
        return text;
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void render(FencedCodeBlock block, NodeRendererContext context, HtmlWriter html) {
        String info = block.getInfo().toString().trim();
        String[] words = info.split("\\s+", 3);
        String kind = words[0].toLowerCase(Locale.ROOT).replaceAll("^\\{?\\.?|}$", "");
        Problems problems = PROBLEMS.get(context.getDocument());
        String source = block.getContentChars().toString();
        Optional<String> image = Optional.empty();
        if (kind.equals("plantuml") || kind.equals("uml")) {
            Map<String, String> attributes = attributes(info.substring(words[0].length()));
            image = plantUml(source, block.getStartOffset(), problems)
                    .map(svg -> image(svg, attributes, "uml"));
        } else if (kind.equals("graphviz") && words.length > 1) {
            String program = words[1].toLowerCase(Locale.ROOT);
            String name = words.length > 2 ? words[2].trim() : "";
            image = graphviz(program, source, block.getStartOffset(), problems)
                    .map(svg -> image(svg, Map.of("alt", name), "graphviz"));
        }
        if (image.isPresent()) {
            html.line();
            html.raw("<p>" + image.get() + "</p>").line(); // an image in a paragraph, as the extensions leave it
        } else {
            context.delegateRender();
        }
    }

    /** The fence's {@code key="value"} attributes, in order. */
    private static Map<String, String> attributes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            out.put(m.group(1).toLowerCase(Locale.ROOT), value);
        }
        return out;
    }

    /** A PlantUML source drawn as SVG; PlantUML's error drawing, reported, when the source has a syntax error. */
    static Optional<String> plantUml(String source, int offset, Problems problems) {
        String text = source.strip();
        if (!text.startsWith("@start")) {
            text = "@startuml\n" + text + "\n@enduml";
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SourceStringReader reader = new SourceStringReader(text);
            DiagramDescription description = reader.outputImage(out, new FileFormatOption(FileFormat.SVG));
            if (description == null || out.size() == 0) {
                problems.report(offset, "the PlantUML diagram has no @startuml block; it is shown as code");
                return Optional.empty();
            }
            if (reader.getBlocks().stream().anyMatch(block -> block.getDiagram() instanceof PSystemError)) {
                problems.report(offset, "the PlantUML diagram has an error; PlantUML's drawing of it is shown");
            }
            return Optional.of(out.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            problems.report(offset, "the PlantUML diagram could not be drawn (" + e.getClass().getSimpleName()
                    + "); it is shown as code");
            return Optional.empty();
        }
    }

    /** A Graphviz source drawn as SVG by {@code program}, if installed and the source reads no local file. */
    static Optional<String> graphviz(String program, String source, int offset, Problems problems) {
        if (!GRAPHVIZ_PROGRAMS.contains(program)) {
            problems.report(offset, "Graphviz has no layout program \"" + program + "\"; the diagram is shown as code");
            return Optional.empty();
        }
        if (GRAPHVIZ_FILES.matcher(source).find()) {
            problems.report(offset, "the Graphviz diagram names files of the machine that draws it (image, "
                    + "shapefile, imagepath or fontpath); it is shown as code");
            return Optional.empty();
        }
        Optional<Path> executable = onPath(program);
        if (executable.isEmpty()) {
            problems.report(offset, "Graphviz (" + program + ") is not installed where Paved runs, as TechDocs "
                    + "needs it; the diagram is shown as code");
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(executable.get().toString(), "-Tsvg")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(source.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(GRAPHVIZ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.report(offset, "Graphviz took more than " + GRAPHVIZ_TIMEOUT_SECONDS + " s to draw the "
                        + "diagram; it is shown as code");
                return Optional.empty();
            }
            String svg = new String(output.get(GRAPHVIZ_TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || !svg.contains("<svg")) {
                problems.report(offset, "Graphviz could not read the diagram; it is shown as code");
                return Optional.empty();
            }
            return Optional.of(svg.substring(svg.indexOf("<svg")));
        } catch (IOException | ExecutionException | TimeoutException e) {
            problems.report(offset, "Graphviz failed (" + e.getClass().getSimpleName() + "); the diagram is shown as code");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The drawing as plantuml_markdown writes an image: alt, title, classes, width and height from the fence. */
    private static String image(String svg, Map<String, String> attributes, String defaultClass) {
        StringBuilder img = new StringBuilder("<img");
        String classes = attributes.getOrDefault("classes", defaultClass);
        img.append(" class=\"").append(Escaping.escapeHtml(classes, true)).append('"');
        img.append(" alt=\"").append(Escaping.escapeHtml(attributes.getOrDefault("alt", "uml diagram"), true))
                .append('"');
        for (String key : new String[] {"title", "width", "height"}) {
            if (attributes.containsKey(key)) {
                img.append(' ').append(key).append("=\"").append(Escaping.escapeHtml(attributes.get(key), true))
                        .append('"');
            }
        }
        img.append(" src=\"data:image/svg+xml;base64,")
                .append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8))).append("\">");
        return img.toString();
    }
}
