package dev.paved.scaffold;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code fetch:template}, {@code fetch:plain} and {@code fetch:plain:file}: copy a skeleton from the template's own
 * repository, or from a GitHub, GitLab or Gitea tree or blob URL ({@link RemoteSkeleton}), into the output folder,
 * rendering file contents and names with {@code values} for the first.
 */
final class FetchActions {

    private FetchActions() {
    }

    /** fetch:template — {@code url}, {@code targetPath}, {@code values}, {@code copyWithoutTemplating}, … */
    static Map<String, Object> template(StepRun run, Map<String, Object> input) throws IOException {
        String url = run.required(input, "url");
        String target = StepRun.text(input, "targetPath", "./");
        List<PathMatcher> raw = globs(input.get("copyWithoutTemplating"));
        List<PathMatcher> noRender = globs(input.get("copyWithoutRender"));
        if (!raw.isEmpty() && !noRender.isEmpty()) {
            throw new TemplateException(run.step().label() + ": copyWithoutTemplating and copyWithoutRender cannot "
                    + "be used together");
        }
        Object ext = input.get("templateFileExtension");
        String extension = ext == null || Boolean.FALSE.equals(ext) ? null
                : Boolean.TRUE.equals(ext) || "true".equals(ext) ? ".njk" : String.valueOf(ext);
        if (extension != null && (!raw.isEmpty() || !noRender.isEmpty())) {
            throw new TemplateException(run.step().label() + ": templateFileExtension cannot be used with "
                    + "copyWithoutTemplating or copyWithoutRender");
        }
        boolean cookiecutter = StepRun.flag(input, "cookiecutterCompat");
        boolean replace = StepRun.flag(input, "replace");
        Object values = input.getOrDefault("values", Map.of());
        Map<String, Object> context = cookiecutter
                ? Map.of("values", values == null ? Map.of() : values, "cookiecutter", values == null ? Map.of() : values)
                : Map.of("values", values == null ? Map.of() : values);
        java.util.function.UnaryOperator<String> render = text -> cookiecutter
                ? run.templater().renderCookiecutter(text, context) : run.templater().render(text, context);
        run.workspace().resolve(target, run.step().label() + " targetPath");

        try (RemoteSkeleton remote = new RemoteSkeleton()) {
            return template(run, url, target, remote, raw, noRender, extension, replace, render);
        }
    }

    private static Map<String, Object> template(StepRun run, String url, String target, RemoteSkeleton remote,
                                                List<PathMatcher> raw, List<PathMatcher> noRender, String extension,
                                                boolean replace, java.util.function.UnaryOperator<String> render)
            throws IOException {
        Path skeleton = skeleton(run, url, remote);
        if (skeleton == null) {
            return Map.of();
        }
        int written = 0;
        int skipped = 0;
        for (Path file : files(run, skeleton)) {
            String relative = skeleton.relativize(file).toString().replace('\\', '/');
            String where = run.step().label() + ": " + url + "/" + relative;
            boolean renderContent;
            String outPath = relative;
            try {
                if (extension != null) {
                    renderContent = outPath.endsWith(extension);
                    if (renderContent) {
                        outPath = outPath.substring(0, outPath.length() - extension.length());
                    }
                    outPath = render.apply(outPath);
                } else {
                    boolean neither = matches(noRender, relative);
                    renderContent = !neither && !matches(raw, relative);
                    if (!neither) {
                        outPath = render.apply(outPath);
                    }
                }
            } catch (TemplateException e) {
                throw new TemplateException(where + ": its name cannot be rendered: " + e.getMessage());
            }
            // An empty segment is how templates make files optional: `${{ values.x }}/file` with no x.
            if (outPath.isBlank() || outPath.startsWith("/") || outPath.contains("//") || outPath.endsWith("/")) {
                skipped++;
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (renderContent && isText(bytes)) {
                try {
                    bytes = render.apply(new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                } catch (TemplateException e) {
                    throw new TemplateException(where + ": " + e.getMessage());
                }
            }
            String destination = join(target, outPath);
            if (run.workspace().write(destination, bytes, Files.isExecutable(file), replace, run.step().label())) {
                written++;
            }
        }
        run.log("  " + (run.dryRun() ? "would write " : "wrote ") + written + " file(s) from " + url
                + (skipped > 0 ? ", skipped " + skipped + " whose name rendered empty" : ""));
        return Map.of();
    }

    /** fetch:plain — copies {@code url} as it is into {@code targetPath}. */
    static Map<String, Object> plain(StepRun run, Map<String, Object> input) throws IOException {
        String url = run.required(input, "url");
        String target = StepRun.text(input, "targetPath", "./");
        run.workspace().resolve(target, run.step().label() + " targetPath");
        try (RemoteSkeleton remote = new RemoteSkeleton()) {
            Path skeleton = skeleton(run, url, remote);
            if (skeleton == null) {
                return Map.of();
            }
            int written = 0;
            for (Path file : files(run, skeleton)) {
            String relative = skeleton.relativize(file).toString().replace('\\', '/');
                if (run.workspace().write(join(target, relative), Files.readAllBytes(file), Files.isExecutable(file),
                        true, run.step().label())) {
                    written++;
                }
            }
            run.log("  " + (run.dryRun() ? "would copy " : "copied ") + written + " file(s) from " + url);
            return Map.of();
        }
    }

    /** fetch:plain:file — copies the file {@code url} to {@code targetPath}. */
    static Map<String, Object> plainFile(StepRun run, Map<String, Object> input) throws IOException {
        String url = run.required(input, "url");
        String target = run.required(input, "targetPath");
        run.workspace().resolve(target, run.step().label() + " targetPath");
        try (RemoteSkeleton remote = new RemoteSkeleton()) {
            Path file = source(run, url, remote);
            if (file == null) {
                return Map.of();
            }
            if (!Files.isRegularFile(file)) {
                throw new TemplateException(run.step().label() + ": " + url + " is not a file of the template");
            }
            run.workspace().write(target, Files.readAllBytes(file), Files.isExecutable(file), true,
                    run.step().label());
            run.log("  " + (run.dryRun() ? "would copy " : "copied ") + url + " to " + target);
            return Map.of();
        }
    }

    static Path skeleton(StepRun run, String url, RemoteSkeleton remote) throws IOException {
        Path dir = source(run, url, remote);
        if (dir != null && !Files.isDirectory(dir)) {
            throw new TemplateException(run.step().label() + ": " + url + " is not a folder of the template");
        }
        return dir;
    }

    /**
     * The file or folder {@code url} names: beside the template, or fetched by {@code remote} from a GitHub, GitLab
     * or Gitea tree or blob URL; null in a dry run where it is remote.
     */
    private static Path source(StepRun run, String url, RemoteSkeleton remote) throws IOException {
        if (RemoteSkeleton.isRemote(url)) {
            if (run.dryRun()) {
                RemoteSkeleton.plan(run, url);
                return null;
            }
            return remote.fetch(run, url);
        }
        Path p = run.template().directory().resolve(url).normalize();
        if (!p.startsWith(run.template().boundary())) {
            throw new TemplateException(run.step().label() + ": url '" + url + "' leads out of the template's "
                    + "repository");
        }
        if (!Files.exists(p) && run.dryRun()) {
            run.log("  would fetch " + url + ", which is not beside the template here: its files are not listed");
            return null;
        }
        if (!Files.exists(p)) {
            throw new TemplateException(run.step().label() + ": " + url + " does not exist beside the template ("
                    + p + ")");
        }
        try {
            if (!p.toRealPath().startsWith(run.template().boundary().toRealPath())) {
                throw new TemplateException(run.step().label() + ": url '" + url + "' is a symbolic link out of "
                        + "the template's repository");
            }
        } catch (IOException e) {
            throw new TemplateException(run.step().label() + ": " + url + ": " + e.getMessage());
        }
        return p;
    }

    /** The skeleton's files, sorted; a symbolic link that points out of the skeleton is an error. */
    static List<Path> files(StepRun run, Path skeleton) throws IOException {
        Path real = skeleton.toRealPath();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(skeleton)) {
            for (Path p : walk.sorted().toList()) {
                if (Files.isSymbolicLink(p)) {
                    Path to;
                    try {
                        to = p.toRealPath();
                    } catch (IOException e) {
                        throw new TemplateException(run.step().label() + ": skeleton file "
                                + skeleton.relativize(p) + " is a broken symbolic link");
                    }
                    if (!to.startsWith(real)) {
                        throw new TemplateException(run.step().label() + ": skeleton file " + skeleton.relativize(p)
                                + " is a symbolic link to " + to + ", outside the skeleton; nothing was written");
                    }
                }
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Globby-style globs: {@code **}{@code /x} also matches {@code x} at the top, {@code dir/**} the folder. */
    private static List<PathMatcher> globs(Object value) {
        List<PathMatcher> out = new ArrayList<>();
        List<?> list = value instanceof Collection<?> c ? new ArrayList<>(c) : value == null ? List.of() : List.of(value);
        for (Object g : list) {
            String glob = String.valueOf(g).replaceFirst("^\\./", "");
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.startsWith("**/")) {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
            }
            if (glob.endsWith("/**")) {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(0, glob.length() - 3)));
            }
        }
        return out;
    }

    private static boolean matches(List<PathMatcher> globs, String relative) {
        Path p = Path.of(relative);
        return globs.stream().anyMatch(m -> m.matches(p));
    }

    private static String join(String target, String relative) {
        String t = target.replace('\\', '/').replaceFirst("^\\./?", "");
        return t.isEmpty() ? relative : (t.endsWith("/") ? t : t + "/") + relative;
    }

    static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
