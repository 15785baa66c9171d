package ${package};

import org.jembed.runtime.Export;
import ${package}.capi.point_t;

/** The Java side of lib${libraryName}.so: one {@code @Export} method per function of ${libraryName}.h. */
public final class Init {
    /** Implements {@code int do_stuff(point_t *p)} from ${libraryName}.h. */
    @Export
    public static int do_stuff(point_t p) {
        System.out.println("adding " + p.x() + " and " + p.y());
        return p.x() + p.y();
    }
}
