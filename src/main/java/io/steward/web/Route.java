package io.steward.web;

/**
 * One line of a dialect's route table. {@code template} is written as the references write it,
 * with {@code @name} path parameters ({@code /contact/@id}); {@code access} is the dialect's own
 * statement of who may call it.
 */
public record Route<A>(String method, String template, Handler handler, A access) {
    String[] segments() {
        return Router.split(template);
    }

    /** The template in OpenAPI notation: {@code /contact/{id}}. */
    public String openApiPath() {
        return template.replaceAll("@([A-Za-z_][A-Za-z0-9_]*)", "{$1}");
    }
}
