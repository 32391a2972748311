package dev.paved.scaffold;

import java.io.IOException;
import java.util.Map;

/** A built-in action, such as {@code fetch:template}: runs one step with its rendered input, returns its output. */
interface ScaffoldAction {

    Map<String, Object> run(StepRun run, Map<String, Object> input) throws IOException;
}
