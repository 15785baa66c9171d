/*
 * jembed trust policy: secure mode, the environment reads that go through it, and the file check before libjvm is
 * loaded. A fixed file, compiled into every jembed library next to jembed_runtime.c. See jembed_trust.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "jembed_trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Why the process counts as privileged, taken when the library is loaded (before the host can change its ids);
   NULL when it does not. */
static const char *privileged_because;

__attribute__((constructor)) static void jembed_trust_load(void) {
    privileged_because = jembed_os_privileged();
}

int jembed_secure_mode(const jembed_library *lib) {
    return privileged_because != NULL || !lib->trust_environment;
}

static const char *secure_because(void) {
    return privileged_because != NULL ? privileged_because : "built with <trustEnvironment>false</trustEnvironment>";
}

/* Read by HotSpot at JVM creation, unless the real and effective ids differ (os::have_special_privileges). */
static int read_by_hotspot(const char *name) {
    return strcmp(name, "JAVA_TOOL_OPTIONS") == 0 || strcmp(name, "_JAVA_OPTIONS") == 0;
}

static int hotspot_ignores_its_variables(void) {
    return jembed_os_ids_differ();
}

static int is_set(const char *name) {
    const char *v = getenv(name); /* presence only: the value is never used in secure mode */
    return v != NULL && v[0] != '\0';
}

/* The variables this library would have used and did not (secure mode), for the one line; under ignored_lock. */
static jembed_os_mutex ignored_lock = JEMBED_OS_MUTEX_INIT;
static const char *ignored[16];
static int ignored_reported;

void jembed_note_ignored(const char *name) {
    jembed_os_mutex_lock(&ignored_lock);
    size_t i = 0;
    while (i < sizeof ignored / sizeof ignored[0] && ignored[i] != NULL && strcmp(ignored[i], name) != 0) {
        i++;
    }
    if (i < sizeof ignored / sizeof ignored[0] && ignored[i] == NULL) {
        ignored[i] = name;
    }
    jembed_os_mutex_unlock(&ignored_lock);
}

void jembed_report_ignored(const jembed_library *lib) {
    if (privileged_because == NULL) {
        return; /* the process's own user set them: nothing to warn about, and an NSS module must stay silent */
    }
    char list[512] = "";
    size_t used = 0;
    jembed_os_mutex_lock(&ignored_lock);
    int first = !ignored_reported;
    for (size_t i = 0; first && i < sizeof ignored / sizeof ignored[0] && ignored[i] != NULL && used < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", used > 0 ? ", " : "", ignored[i]);
        used = w < 0 ? used : used + (size_t)w;
    }
    if (used > 0) {
        ignored_reported = 1;
    }
    jembed_os_mutex_unlock(&ignored_lock);
    if (used > 0) {
        fprintf(stderr, "jembed: %s: %s: ignored %s from the environment\n", lib->name, secure_because(), list);
    }
}

const char *jembed_getenv(const jembed_library *lib, const char *name) {
    if (!jembed_secure_mode(lib)) {
        return getenv(name);
    }
    if (read_by_hotspot(name)) {
        return hotspot_ignores_its_variables() ? NULL : getenv(name);
    }
    /* JEMBED_TRACE=0 asks for nothing: ignoring it ignores nothing */
    if (is_set(name) && !(strcmp(name, "JEMBED_TRACE") == 0 && strcmp(getenv(name), "0") == 0)) {
        jembed_note_ignored(name);
    }
    return NULL;
}

/* jembed_trusted_file without the message; *found is set once the file exists. */
static int check_file(const jembed_library *lib, char *path, size_t size, char *why, size_t n, int *found) {
    return !jembed_secure_mode(lib) || jembed_os_trusted_path(path, size, why, n, found);
}

int jembed_trusted_file(const jembed_library *lib, char *path, size_t size, char *why, size_t n) {
    int found = 0;
    int trusted = check_file(lib, path, size, why, n, &found);
    if (!trusted && found) { /* a file that is there but may have been planted: say so even when another place works */
        fprintf(stderr, "jembed: %s: %s: %s\n", lib->name, secure_because(), why);
    }
    return trusted;
}
