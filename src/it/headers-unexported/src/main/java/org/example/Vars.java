package org.example;

import org.example.capi.vars_h;
import org.jembed.runtime.Export;

public final class Vars {
    @Export
    public static int count() {
        return vars_h.visible_count() + vars_h.hidden_count();
    }
}
