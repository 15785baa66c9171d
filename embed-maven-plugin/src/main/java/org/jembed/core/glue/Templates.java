package org.jembed.core.glue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * The Velocity templates and fixed C helper files of the {@code velocity-templates} module, loaded from the
 * class path under {@code org/jembed/templates/}.
 */
public final class Templates {
    private static final String BASE = "org/jembed/templates/";
    private final VelocityEngine engine;

    /** An engine reading templates from this class's class loader; strict references, so a typo fails loudly. */
    public Templates() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(Templates.class.getClassLoader());
        try {
            engine = new VelocityEngine(p);
            engine.init();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    /** Renders template {@code name} (e.g. {@code glue.c.vm}) with {@code values}. */
    public String render(String name, Map<String, Object> values) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(Templates.class.getClassLoader());
        try {
            Template template = engine.getTemplate(BASE + name, "UTF-8");
            StringWriter out = new StringWriter();
            template.merge(new VelocityContext(new java.util.HashMap<>(values)), out);
            return out.toString();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    /** The bytes of a fixed helper file (e.g. {@code jembed_runtime.c}). */
    public static byte[] resource(String name) throws IOException {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IOException("missing template resource " + BASE + name + " (a broken jembed installation)");
            }
            return in.readAllBytes();
        }
    }
}
