package dev.paved.site;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of problems split into pages of at most {@value #PAGE_PROBLEMS}, so that a catalog with a hundred thousand
 * problems still has pages a browser opens. The first page is the list's own address ({@code problems/index.html}
 * or a team's); page n is {@code page-n/index.html} beside it, where no team's page can be, and every page links
 * every other, so each problem is reachable by links.
 */
final class ProblemPages {

    /** The most problems one page lists. */
    static final int PAGE_PROBLEMS = 1000;

    private ProblemPages() {
    }

    /** One page: its site-relative path, its problems and, when the list has more than one, the links to all. */
    record Page(String path, int number, List<Views.Problem> problems, Views.Pager pager) {
    }

    /** The pages of {@code problems}, the first at {@code first}; one empty page when there is none. */
    static List<Page> split(String first, List<Views.Problem> problems) {
        int count = Math.max(1, (problems.size() + PAGE_PROBLEMS - 1) / PAGE_PROBLEMS);
        List<Page> out = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            int from = (n - 1) * PAGE_PROBLEMS;
            int to = Math.min(problems.size(), from + PAGE_PROBLEMS);
            out.add(new Page(path(first, n), n, problems.subList(from, to),
                    count == 1 ? null : pager(first, problems, n, count)));
        }
        return out;
    }

    /** Page {@code n} of the list whose first page is {@code first}. */
    static String path(String first, int n) {
        return n == 1 ? first : first.substring(0, first.lastIndexOf('/') + 1) + "page-" + n + "/index.html";
    }

    private static Views.Pager pager(String first, List<Views.Problem> problems, int current, int count) {
        List<Views.PageLink> pages = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            int from = (n - 1) * PAGE_PROBLEMS;
            int to = Math.min(problems.size(), from + PAGE_PROBLEMS);
            pages.add(new Views.PageLink(n, path(first, n), n == current,
                    problems.get(from).where() + " to " + problems.get(to - 1).where()));
        }
        int from = (current - 1) * PAGE_PROBLEMS;
        String shown = CatalogTable.number(from + 1) + "–" + CatalogTable.number(Math.min(problems.size(),
                from + PAGE_PROBLEMS));
        return new Views.Pager(current, count, shown, current > 1 ? pages.get(current - 2).url() : null,
                current < count ? pages.get(current).url() : null, pages);
    }
}
