package io.pushway.web;

import tools.jackson.core.JacksonException;

/** Renders where in a JSON document a Jackson error happened, as {@code recipients[2]} or {@code payload}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
