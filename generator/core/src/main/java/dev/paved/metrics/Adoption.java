package dev.paved.metrics;

import dev.paved.catalog.EntityRef;
import java.util.List;
import java.util.Map;

/**
 * How far the organisation's components follow the golden paths.
 *
 * @param components how many components the catalog has
 * @param templates  per template, the entities made from it ({@code backstage.io/source-template})
 * @param coverage   per practice ({@code techdocs}, {@code ci}, {@code onCall}, {@code ownerGroup}), how many
 *                   components have it
 */
public record Adoption(int components, List<TemplateUse> templates, Map<String, Integer> coverage) {

    /** Nothing measured. */
    public static final Adoption NONE = new Adoption(0, List.of(), Map.of());

    public Adoption {
        templates = List.copyOf(templates);
        coverage = Map.copyOf(coverage);
    }

    /**
     * One template's use.
     *
     * @param template   the template
     * @param created    the entities made from it
     * @param components how many of them are components
     */
    public record TemplateUse(EntityRef template, List<EntityRef> created, int components) {

        public TemplateUse {
            created = List.copyOf(created);
        }
    }

    /** The share of components with a practice, in whole percent (0 without components). */
    public int percent(String practice) {
        return components == 0 ? 0 : Math.round(100f * coverage.getOrDefault(practice, 0) / components);
    }
}
