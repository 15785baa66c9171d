/*
 * jembed trust policy: secure mode, the environment reads that go through it, and the file check before libjvm is
 * loaded. A fixed file, compiled into every jembed library next to jembed_runtime.c. See jembed_trust.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "jembed_trust.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

/* Why the process counts as privileged, taken when the library is loaded (before the host can change its ids);
   NULL when it does not. */
static const char *privileged_because;

__attribute__((constructor)) static void jembed_trust_load(void) {
    if (getauxval(AT_SECURE) != 0) {
        privileged_because = "privileged process (AT_SECURE: set-user-ID, set-group-ID or file capabilities)";
    } else if (getuid() != geteuid()) {
        privileged_because = "privileged process (real and effective user ids differ)";
    } else if (getgid() != getegid()) {
        privileged_because = "privileged process (real and effective group ids differ)";
    }
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
    return getuid() != geteuid() || getgid() != getegid();
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
static pthread_mutex_t other_lock = PTHREAD_MUTEX_INITIALIZER;
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
    pthread_mutex_lock(&other_lock);
    size_t i = 0;
    while (i < sizeof other_reported / sizeof other_reported[0] && other_reported[i] != NULL
           && strcmp(other_reported[i], name) != 0) {
        i++;
    }
    int first = i < sizeof other_reported / sizeof other_reported[0] && other_reported[i] == NULL;
    if (first) {
        other_reported[i] = name;
    }
    pthread_mutex_unlock(&other_lock);
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
    if (!jembed_secure_mode(lib)) {
        return 1;
    }
    char real[PATH_MAX];
    if (realpath(path, real) == NULL) {
        snprintf(why, n, "%s: %s", path, strerror(errno));
        return 0;
    }
    *found = 1;
    if (strlen(real) >= size) {
        snprintf(why, n, "refused %s: its real path %s is too long", path, real);
        return 0;
    }
    /* Trusted owners: root and whoever owns this library's file (for a library inside the host: the host's file). */
    uid_t lib_owner = 0;
    Dl_info info;
    struct stat st;
    if (dladdr((const void *)lib, &info) != 0 && info.dli_fname != NULL && info.dli_fname[0] != '\0'
        && stat(info.dli_fname, &st) == 0) {
        lib_owner = st.st_uid;
    }
    char cur[PATH_MAX];
    snprintf(cur, sizeof cur, "%s", real);
    for (int file = 1;; file = 0) {
        if (stat(cur, &st) != 0) {
            snprintf(why, n, "refused %s: %s: %s", real, cur, strerror(errno));
            return 0;
        }
        if (file && !S_ISREG(st.st_mode)) {
            snprintf(why, n, "refused %s: not a regular file", real);
            return 0;
        }
        if (st.st_uid != 0 && st.st_uid != lib_owner) {
            snprintf(why, n, "refused %s: %s is owned by uid %u, neither root nor the owner of this library (uid %u)",
                     real, cur, (unsigned)st.st_uid, (unsigned)lib_owner);
            return 0;
        }
        int sticky_dir = S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX) != 0; /* others cannot rename our entries */
        if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0 && !sticky_dir) {
            snprintf(why, n, "refused %s: %s is writable by %s (mode %04o)", real, cur,
                     (st.st_mode & S_IWOTH) != 0 ? "every user" : "its group", (unsigned)(st.st_mode & 07777));
            return 0;
        }
        if (strcmp(cur, "/") == 0) {
            break;
        }
        char *slash = strrchr(cur, '/');
        if (slash == cur) {
            cur[1] = '\0';
        } else {
            *slash = '\0';
        }
    }
    snprintf(path, size, "%s", real);
    return 1;
}

int jembed_trusted_file(const jembed_library *lib, char *path, size_t size, char *why, size_t n) {
    int found = 0;
    int trusted = check_file(lib, path, size, why, n, &found);
    if (!trusted && found) { /* a file that is there but may have been planted: say so even when another place works */
        fprintf(stderr, "jembed: %s: %s: %s\n", lib->name, secure_because(), why);
    }
    return trusted;
}
