package dev.paved.scaffold;

/** A template, expression or step that cannot be run: the message names the file or step and what went wrong. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
