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

/* Appends name to the list when it is set; returns the new length. */
static size_t list_if_set(char *list, size_t size, size_t used, const char *name) {
    if (name == NULL || !is_set(name) || used >= size) {
        return used;
    }
    int w = snprintf(list + used, size - used, "%s%s", used > 0 ? ", " : "", name);
    return w < 0 ? used : used + (size_t)w;
}

static int ignored_reported;               /* the one line was printed; atomic */
static jembed_os_mutex other_lock = JEMBED_OS_MUTEX_INIT;
static const char *other_reported[16];     /* names outside the list below already reported, under other_lock */

/* One line naming every variable jembed (or, with ids that differ, HotSpot) would read and now ignores. */
static void report_ignored(const jembed_library *lib) {
    if (__atomic_exchange_n(&ignored_reported, 1, __ATOMIC_ACQ_REL)) {
        return;
    }
    char list[512] = "";
    size_t used = 0;
    const char *read_by_jembed[] = { "JEMBED_JAVA_HOME", lib->options_env_var, "JAVA_HOME", "JEMBED_TRACE" };
    for (size_t i = 0; i < sizeof read_by_jembed / sizeof read_by_jembed[0]; i++) {
        used = list_if_set(list, sizeof list, used, read_by_jembed[i]);
    }
    if (hotspot_ignores_its_variables()) {
        used = list_if_set(list, sizeof list, used, "JAVA_TOOL_OPTIONS");
        used = list_if_set(list, sizeof list, used, "_JAVA_OPTIONS");
    }
    if (used > 0) {
        fprintf(stderr, "jembed: %s: %s: ignored %s from the environment\n", lib->name, secure_because(), list);
    }
}

/* A variable not in report_ignored's list: its own line, once. */
static void report_other(const jembed_library *lib, const char *name) {
    jembed_os_mutex_lock(&other_lock);
    size_t i = 0;
    while (i < sizeof other_reported / sizeof other_reported[0] && other_reported[i] != NULL
           && strcmp(other_reported[i], name) != 0) {
        i++;
    }
    int first = i < sizeof other_reported / sizeof other_reported[0] && other_reported[i] == NULL;
    if (first) {
        other_reported[i] = name;
    }
    jembed_os_mutex_unlock(&other_lock);
    if (first) {
        fprintf(stderr, "jembed: %s: %s: ignored %s from the environment\n", lib->name, secure_because(), name);
    }
}

const char *jembed_getenv(const jembed_library *lib, const char *name) {
    if (!jembed_secure_mode(lib)) {
        return getenv(name);
    }
    report_ignored(lib);
    if (read_by_hotspot(name)) {
        return hotspot_ignores_its_variables() ? NULL : getenv(name);
    }
    int listed = strcmp(name, "JEMBED_JAVA_HOME") == 0 || strcmp(name, "JAVA_HOME") == 0
        || strcmp(name, "JEMBED_TRACE") == 0 || (lib->options_env_var != NULL && strcmp(name, lib->options_env_var) == 0);
    if (!listed && is_set(name)) {
        report_other(lib, name);
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
