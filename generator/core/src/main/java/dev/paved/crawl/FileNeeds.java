package dev.paved.crawl;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of a repository a build stage reads. The crawler fetches only the files some stage names, so a stage
 * that reads a file declares it here, next to the code that reads it, and the same rule decides what a local folder
 * offers and what a crawl fetches.
 *
 * <p>A stage may name files by reading others first (MkDocs' {@code docs_dir} is in {@code mkdocs.yml}): the crawler
 * calls {@link #select} again once it has fetched what the previous round named, until nothing new is named.
 */
public interface FileNeeds {

    /**
     * The paths of {@code tree} this stage reads.
     *
     * @param tree the repository's files; {@link RepositoryTree#read} gives the text of those fetched so far
     */
    Set<String> select(RepositoryTree tree);

    /**
     * Names what this stage selects; it changes when the rule changes, so that a repository crawled under an older
     * rule is fetched again even when its commit is the same.
     */
    String id();

    /** Reads nothing: what a crawl fetches of the history when no stage reads files there. */
    FileNeeds NONE = new FileNeeds() {
        @Override
        public Set<String> select(RepositoryTree tree) {
            return Set.of();
        }

        @Override
        public String id() {
            return "none";
        }
    };

    /** The union of several stages' needs. */
    static FileNeeds all(List<FileNeeds> needs) {
        List<FileNeeds> copy = List.copyOf(needs);
        return new FileNeeds() {
            @Override
            public Set<String> select(RepositoryTree tree) {
                Set<String> out = new TreeSet<>();
                copy.forEach(n -> out.addAll(n.select(tree)));
                return out;
            }

            @Override
            public String id() {
                return String.join("+", copy.stream().map(FileNeeds::id).toList());
            }
        };
    }
}
