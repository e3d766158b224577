package io.pushway.system;

import io.pushway.system.BadInput.Expected;
import java.util.ArrayList;
import java.util.List;

/** One part of the bad-input table: a subclass {@linkplain #fill() fills} it with rows, by category. */
abstract class CaseTable {

    protected final Endpoints endpoints;
    private final List<BadInput> rows = new ArrayList<>();

    CaseTable(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Adds every row of this part. */
    protected abstract void fill();

    final List<BadInput> rows() {
        if (rows.isEmpty()) {
            fill();
        }
        return List.copyOf(rows);
    }

    protected final void add(String category, String name, Request request, Expected expected, String probe) {
        rows.add(new BadInput(category, name, request, expected, probe));
    }

    protected final void add(String category, String name, Request request, Expected expected) {
        add(category, name, request, expected, null);
    }

    protected final void add(String category, String name, Request request, int status) {
        add(category, name, request, BadInput.problem(status));
    }

    /** A publish of {@code json} with a valid token. */
    protected final void publish(String category, String name, String json, Expected expected) {
        add(category, "publish: " + name, endpoints.publish(json), expected);
    }

    /** A batch publish of {@code json} with a valid token. */
    protected final void batch(String category, String name, String json, Expected expected) {
        add(category, "batch: " + name, endpoints.batch(json), expected);
    }
}
