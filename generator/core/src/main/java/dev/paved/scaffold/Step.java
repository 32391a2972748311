package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a template's {@code spec.steps}.
 *
 * @param id     {@code id}, by which later steps read its output ({@code steps.<id>.output})
 * @param name   {@code name}, for messages
 * @param action the action's id, e.g. {@code fetch:template}
 * @param input  {@code input}, unrendered (missing when absent)
 * @param when   {@code if}, unrendered (missing when absent)
 * @param each   {@code each}, unrendered (missing when absent)
 */
public record Step(String id, String name, String action, JsonNode input, JsonNode when, JsonNode each) {

    /** How messages name the step. */
    public String label() {
        return "step '" + (id.isEmpty() ? name : id) + "' (" + action + ")";
    }
}
