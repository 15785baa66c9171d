package org.jembed.core.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A setting that may differ per platform, as {@code <compiler>} and {@code <testEmulator>} take it: one plain value
 * ({@code wine}), or entries {@code <platform>=<value>} separated by {@code ;}
 * ({@code linux-aarch_64=qemu-aarch64 -L /usr/aarch64-linux-gnu; windows-x86_64=wine}), the form a build of several
 * platforms needs and a command line can pass ({@code -Djembed.testEmulator="..."}). A text is the keyed form when it
 * begins with a platform's name and {@code =}; a plain value that does (none does) cannot be written.
 *
 * @param element the pom element, for messages, e.g. {@code testEmulator}
 * @param plain   the plain value, if the text was one
 * @param values  the value of each platform the text names, in the text's order
 */
public record PlatformValues(String element, Optional<String> plain, Map<Platform, String> values) {

    /** Copies {@code values}. */
    public PlatformValues {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No value for any platform. */
    public static PlatformValues none(String element) {
        return new PlatformValues(element, Optional.empty(), Map.of());
    }

    /**
     * Reads {@code text} (null or blank: no value).
     *
     * @throws IllegalArgumentException naming {@code <element>} when an entry names an unknown platform, names one
     *                                  twice, has no {@code =} or an empty value
     */
    public static PlatformValues parse(String element, String text) {
        if (text == null || text.isBlank()) {
            return none(element);
        }
        String stripped = text.strip();
        if (!keyed(stripped)) {
            return new PlatformValues(element, Optional.of(stripped), Map.of());
        }
        Map<Platform, String> values = new LinkedHashMap<>();
        for (String entry : stripped.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("<" + element + "> entry '" + entry.strip() + "' has no platform: write"
                        + " <platform>=<value> entries separated by ';', e.g. " + example(element));
            }
            Platform p;
            try {
                p = Platform.parse(entry.substring(0, eq).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("<" + element + "> entry '" + entry.strip() + "': " + e.getMessage());
            }
            String value = entry.substring(eq + 1).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("<" + element + "> entry '" + entry.strip() + "' has no value");
            }
            if (values.put(p, value) != null) {
                throw new IllegalArgumentException("<" + element + "> names " + p + " twice");
            }
        }
        return new PlatformValues(element, Optional.empty(), values);
    }

    private static boolean keyed(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            return false;
        }
        String key = text.substring(0, eq).strip();
        return Platform.KNOWN.stream().anyMatch(p -> p.classifier().equals(key));
    }

    private static String example(String element) {
        return element.equals("testEmulator") ? "linux-aarch_64=qemu-aarch64 -L /usr/aarch64-linux-gnu; windows-x86_64=wine"
                : "linux-aarch_64=aarch64-linux-gnu-gcc-12; windows-x86_64=x86_64-w64-mingw32-gcc";
    }

    /**
     * These values, then {@code pom}'s entries (the pom's map form, e.g. {@code <testEmulators>}, keyed by platform) for
     * the platforms these do not name.
     *
     * @param mapElement the map's pom element, for messages
     * @throws IllegalArgumentException when a key of {@code pom} is not a platform
     */
    public PlatformValues orElse(String mapElement, Map<String, String> pom) {
        Map<Platform, String> merged = new LinkedHashMap<>(values);
        for (var e : pom.entrySet()) {
            Platform p;
            try {
                p = Platform.parse(e.getKey());
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("<" + mapElement + "> has the element <" + e.getKey() + ">: "
                        + x.getMessage());
            }
            if (e.getValue() != null && !e.getValue().isBlank()) {
                merged.putIfAbsent(p, e.getValue().strip());
            }
        }
        return new PlatformValues(element, plain, merged);
    }

    /**
     * The value for {@code platform}: its entry, else the plain value when {@code platform} is the only one of
     * {@code users} (the platforms of the build the setting applies to), else none.
     *
     * @throws IllegalArgumentException when a plain value is given and {@code users} has several platforms: it
     *                                  cannot say which one it is for
     */
    public Optional<String> of(Platform platform, List<Platform> users) {
        String v = values.get(platform);
        if (v != null) {
            return Optional.of(v);
        }
        if (plain.isEmpty() || !users.contains(platform)) {
            return Optional.empty();
        }
        if (users.size() > 1) {
            throw new IllegalArgumentException("<" + element + "> '" + plain.get() + "' does not say which of "
                    + String.join(", ", users.stream().map(Platform::classifier).toList()) + " it is for: write"
                    + " <platform>=<value> entries separated by ';', e.g. " + example(element));
        }
        return plain;
    }
}
