/*
 * jembed platform layer for Linux and macOS (see jembed_platform.h). A fixed file, compiled into every jembed library;
 * empty on Windows. The few Linux-only parts (dl_iterate_phdr, gettid, AT_SECURE, abstract sockets) are marked.
 */
#if !defined(_WIN32)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "jembed_platform.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#if defined(JEMBED_OS_LINUX)
#include <link.h>
#include <pwd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#else
#include <crt_externs.h>
#include <mach-o/dyld.h>
#endif

#if defined(JEMBED_OS_MACOS)
const char jembed_os_libjvm_name[] = "libjvm.dylib";
/* a JDK home, or a JDK bundle directory (jdk-25.jdk) whose home is Contents/Home */
const char *const jembed_os_libjvm_paths[] = { "/lib/server/libjvm.dylib", "/Contents/Home/lib/server/libjvm.dylib",
                                              NULL };
#else
const char jembed_os_libjvm_name[] = "libjvm.so";
const char *const jembed_os_libjvm_paths[] = { "/lib/server/libjvm.so", NULL };
#endif

/* ---- libraries ----------------------------------------------------------------------------------- */

void *jembed_os_open(const char *path, char *why, size_t n) {
    void *h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (h == NULL) {
        const char *e = dlerror(); /* names the path already */
        /* glibc skips an ELF file of another machine as if it were not there ("No such file or directory"). */
        int there = e != NULL && strstr(e, "No such file") != NULL && access(path, F_OK) == 0;
        snprintf(why, n, "%s%s", e != NULL ? e : path,
                 there ? " (yet the file is there: a library for another architecture?)" : "");
    }
    return h;
}

void *jembed_os_symbol(void *library, const char *name) {
    return dlsym(library, name);
}

static int ends_with_libjvm(const char *name) {
    size_t len = name != NULL ? strlen(name) : 0;
    size_t want = strlen(jembed_os_libjvm_name);
    return len > want && name[len - want - 1] == '/' && strcmp(name + len - want, jembed_os_libjvm_name) == 0;
}

#if defined(JEMBED_OS_LINUX)
static int find_libjvm_cb(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    if (ends_with_libjvm(info->dlpi_name)) {
        snprintf((char *)data, JEMBED_PATH_MAX, "%s", info->dlpi_name);
        return 1;
    }
    return 0;
}
#endif

void *jembed_os_loaded_libjvm(char *path, size_t size) {
    char found[JEMBED_PATH_MAX] = "";
#if defined(JEMBED_OS_LINUX)
    if (dl_iterate_phdr(find_libjvm_cb, found) == 0) {
        return NULL;
    }
#else
    for (uint32_t i = 0, count = _dyld_image_count(); i < count && found[0] == '\0'; i++) {
        const char *name = _dyld_get_image_name(i);
        if (ends_with_libjvm(name)) {
            snprintf(found, sizeof found, "%s", name);
        }
    }
    if (found[0] == '\0') {
        return NULL;
    }
#endif
    snprintf(path, size, "%s", found);
    return dlopen(found, RTLD_NOW | RTLD_NOLOAD);
}

int jembed_os_self_path(char *out, size_t size) {
    Dl_info info;
    out[0] = '\0';
    if (dladdr((const void *)jembed_os_self_path, &info) == 0 || info.dli_fname == NULL || info.dli_fname[0] == '\0') {
        return -1;
    }
    snprintf(out, size, "%s", info.dli_fname);
    return 0;
}

void jembed_os_self_dir(char *out, size_t size) {
    if (jembed_os_self_path(out, size) != 0) {
        return;
    }
    char *slash = strrchr(out, '/');
    if (slash == out) {
        out[1] = '\0';
    } else if (slash != NULL) {
        *slash = '\0';
    } else {
        snprintf(out, size, ".");
    }
}

void jembed_os_pin_self(void) {
    char self[JEMBED_PATH_MAX];
    if (jembed_os_self_path(self, sizeof self) == 0) {
        /* one reference kept for ever; a library linked into the executable has none to keep */
        (void)dlopen(self, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    }
}

/* ---- threads ------------------------------------------------------------------------------------- */

void jembed_os_mutex_lock(jembed_os_mutex *m) {
    pthread_mutex_lock(m);
}

void jembed_os_mutex_unlock(jembed_os_mutex *m) {
    pthread_mutex_unlock(m);
}

void jembed_os_mutex_reset(jembed_os_mutex *m) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(m, &attr);
    pthread_mutexattr_destroy(&attr);
}

void jembed_os_cond_wait(jembed_os_cond *c, jembed_os_mutex *m) {
    pthread_cond_wait(c, m);
}

void jembed_os_cond_broadcast(jembed_os_cond *c) {
    pthread_cond_broadcast(c);
}

void jembed_os_once_run(jembed_os_once *o, void (*fn)(void)) {
    pthread_once(o, fn);
}

static pthread_key_t exit_key;

int jembed_os_exit_hook(void (*fn)(void *value)) {
    return pthread_key_create(&exit_key, fn);
}

void jembed_os_exit_value(void *value) {
    pthread_setspecific(exit_key, value);
}

/* pthread_exit value of a thread that escaped */
#define ESCAPED ((void *)(intptr_t)-2)

typedef struct thread_start { void (*fn)(void *); void *arg; } thread_start;

static void *thread_main(void *p) {
    thread_start s = *(thread_start *)p;
    free(p);
    s.fn(s.arg);
    return NULL;
}

int jembed_os_thread_start(jembed_os_thread *t, size_t stack_size, void (*fn)(void *), void *arg) {
    thread_start *s = malloc(sizeof *s);
    if (s == NULL) {
        return ENOMEM;
    }
    s->fn = fn;
    s->arg = arg;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_size);
    int err = pthread_create(t, &attr, thread_main, s);
    pthread_attr_destroy(&attr);
    if (err != 0) {
        free(s);
    }
    return err;
}

int jembed_os_thread_join(jembed_os_thread t) {
    void *how = NULL;
    pthread_join(t, &how);
    return how == ESCAPED;
}

void jembed_os_thread_escape(void) {
    pthread_exit(ESCAPED);
}

unsigned long jembed_os_thread_id(void) {
#if defined(JEMBED_OS_LINUX)
    return (unsigned long)syscall(SYS_gettid);
#else
    uint64_t id = 0;
    pthread_threadid_np(NULL, &id);
    return (unsigned long)id;
#endif
}

size_t jembed_os_stack_kib(void) {
    size_t size = 0;
#if defined(JEMBED_OS_LINUX)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstacksize(&attr, &size);
        pthread_attr_destroy(&attr);
    }
#else
    size = pthread_get_stacksize_np(pthread_self());
#endif
    return size / 1024;
}

const char *jembed_os_error_text(int code) {
    return strerror(code);
}

/* ---- time ---------------------------------------------------------------------------------------- */

double jembed_os_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void jembed_os_sleep_ms(long ms) {
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* ---- the creation lock and the abandoned mark ----------------------------------------------------- */

#if defined(JEMBED_OS_LINUX)
/* An abstract unix socket name of this process: no file, gone with the process. The lock is held while a socket is
   bound to its name; the abandoned mark is a socket never closed. */
static socklen_t process_name(struct sockaddr_un *a, const char *what) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    int n = snprintf(a->sun_path + 1, sizeof a->sun_path - 1, "jembed-%s-%ld", what, (long)getpid());
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
}

intptr_t jembed_os_creation_lock(long wait_ms) {
    struct sockaddr_un a;
    socklen_t len = process_name(&a, "create");
    for (long waited = 0;; waited++) {
        int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return -1;
        }
        if (bind(fd, (struct sockaddr *)&a, len) == 0) {
            return fd;
        }
        int e = errno;
        close(fd);
        if (e != EADDRINUSE) {
            return -1;
        }
        if (waited >= wait_ms) {
            return -2;
        }
        jembed_os_sleep_ms(1);
    }
}

void jembed_os_creation_unlock(intptr_t token) {
    if (token >= 0) {
        close((int)token);
    }
}

void jembed_os_creation_drop(intptr_t token) {
    jembed_os_creation_unlock(token); /* a descriptor outlives its thread: closing it releases the name */
}

static int abandoned_here; /* this library marked it */

void jembed_os_mark_abandoned(void) {
    abandoned_here = 1;
    struct sockaddr_un a;
    socklen_t len = process_name(&a, "abandoned");
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, len) != 0) {
        close(fd); /* already marked */
    }
}

int jembed_os_abandoned(void) {
    if (abandoned_here) {
        return 1;
    }
    struct sockaddr_un a;
    socklen_t len = process_name(&a, "abandoned");
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return 0;
    }
    int marked = connect(fd, (struct sockaddr *)&a, len) == 0;
    close(fd);
    return marked;
}
#else
/* macOS: unix socket names are files that outlive a crashed process (and a reused pid would find them), so there is
   no process-wide lock: only this library's own mark is seen. */
static int abandoned_here;

intptr_t jembed_os_creation_lock(long wait_ms) {
    (void)wait_ms;
    return -1;
}

void jembed_os_creation_unlock(intptr_t token) {
    (void)token;
}

void jembed_os_creation_drop(intptr_t token) {
    (void)token;
}

void jembed_os_mark_abandoned(void) {
    abandoned_here = 1;
}

int jembed_os_abandoned(void) {
    return abandoned_here;
}
#endif

/* ---- process exit ---------------------------------------------------------------------------------- */

int jembed_os_at_exit(void (*fn)(void)) {
    return atexit(fn) == 0 ? 0 : -1;
}

/* ---- fork ---------------------------------------------------------------------------------------- */

void jembed_os_at_fork_child(void (*fn)(void)) {
    pthread_atfork(NULL, NULL, fn);
}

/* ---- the JVM's creation inside a host ------------------------------------------------------------- */

#if defined(JEMBED_OS_LINUX) && defined(__GLIBC__)
static pthread_mutex_t jvm_pw_lock = PTHREAD_MUTEX_INITIALIZER;
static struct passwd jvm_pw;
static char *jvm_pw_buffer;

/* getpwuid for libjava: glibc's answer (the NSS modules in their order), asked through getpwuid_r, which holds no
   process-wide lock. Like getpwuid, the result stays valid until the next call. */
static struct passwd *jvm_getpwuid(uid_t uid) {
    struct passwd *result = NULL;
    int err = 0;
    pthread_mutex_lock(&jvm_pw_lock);
    for (size_t size = 1024; size <= ((size_t)1 << 20); size *= 2) {
        char *b = realloc(jvm_pw_buffer, size);
        if (b == NULL) {
            err = ENOMEM;
            break;
        }
        jvm_pw_buffer = b;
        err = getpwuid_r(uid, &jvm_pw, b, size, &result);
        if (err != ERANGE) {
            break;
        }
    }
    pthread_mutex_unlock(&jvm_pw_lock);
    if (result == NULL && err != 0) {
        errno = err;
    }
    return result;
}

#if __ELF_NATIVE_CLASS == 64
#define JEMBED_R_SYM(info) ELF64_R_SYM(info)
#else
#define JEMBED_R_SYM(info) ELF32_R_SYM(info)
#endif

/* One loaded object's dynamic linking tables, as dl_iterate_phdr shows them. */
typedef struct elf_object {
    ElfW(Addr) base;                    /* load bias, to match the link_map's l_addr */
    const char *name;
    const ElfW(Dyn) *dynamic;
    int dynamic_writable;               /* glibc relocates the entries of a writable dynamic section in place */
    ElfW(Addr) relro_start, relro_end;  /* PT_GNU_RELRO: read-only once relocated */
    int found;
} elf_object;

static int find_object_cb(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    elf_object *o = data;
    if (info->dlpi_addr != o->base || info->dlpi_name == NULL || strcmp(info->dlpi_name, o->name) != 0) {
        return 0;
    }
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_DYNAMIC) {
            o->dynamic = (const ElfW(Dyn) *)(info->dlpi_addr + ph->p_vaddr);
            o->dynamic_writable = (ph->p_flags & PF_W) != 0;
        } else if (ph->p_type == PT_GNU_RELRO) {
            o->relro_start = info->dlpi_addr + ph->p_vaddr;
            o->relro_end = o->relro_start + ph->p_memsz;
        }
    }
    o->found = 1;
    return 1;
}

/* The address of the slot through which object o calls symbol (its GOT entry), or 0. */
static ElfW(Addr) import_slot(const elf_object *o, const char *symbol) {
#if defined(__riscv) || defined(__mips__)
    int relocated = 0; /* glibc's DL_RO_DYN_SECTION: the entries stay file offsets */
#else
    int relocated = o->dynamic_writable;
#endif
    ElfW(Addr) symtab = 0, strtab = 0, jmprel = 0, pltrelsz = 0, rela = 0, relasz = 0, rel = 0, relsz = 0;
    ElfW(Sxword) pltrel = DT_RELA;
    for (const ElfW(Dyn) *d = o->dynamic; d->d_tag != DT_NULL; d++) {
        ElfW(Addr) ptr = d->d_un.d_ptr + (relocated ? 0 : o->base);
        switch (d->d_tag) {
        case DT_SYMTAB: symtab = ptr; break;
        case DT_STRTAB: strtab = ptr; break;
        case DT_JMPREL: jmprel = ptr; break;
        case DT_RELA: rela = ptr; break;
        case DT_REL: rel = ptr; break;
        case DT_PLTRELSZ: pltrelsz = d->d_un.d_val; break;
        case DT_RELASZ: relasz = d->d_un.d_val; break;
        case DT_RELSZ: relsz = d->d_un.d_val; break;
        case DT_PLTREL: pltrel = (ElfW(Sxword))d->d_un.d_val; break;
        default: break;
        }
    }
    if (symtab == 0 || strtab == 0) {
        return 0;
    }
    const ElfW(Sym) *syms = (const ElfW(Sym) *)symtab;
    const char *names = (const char *)strtab;
    /* the PLT's relocations, then the others (a GOT entry of a function whose address is taken) */
    struct { ElfW(Addr) at, size; int is_rela; } tables[] = {
        { jmprel, pltrelsz, pltrel == DT_RELA }, { rela, relasz, 1 }, { rel, relsz, 0 },
    };
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        size_t entry = tables[t].is_rela ? sizeof(ElfW(Rela)) : sizeof(ElfW(Rel));
        for (ElfW(Addr) off = 0; tables[t].at != 0 && off + entry <= tables[t].size; off += entry) {
            const ElfW(Rel) *r = (const ElfW(Rel) *)(tables[t].at + off); /* r_offset, r_info lead both forms */
            size_t sym = JEMBED_R_SYM(r->r_info);
            if (sym != 0 && strcmp(names + syms[sym].st_name, symbol) == 0) {
                return o->base + r->r_offset;
            }
        }
    }
    return 0;
}

/* Points object o's slot for symbol at replacement, when it holds expected now. 1 when done, -1 with why. */
static int rebind(const elf_object *o, const char *symbol, void *expected, void *replacement, char *why, size_t n) {
    ElfW(Addr) slot = import_slot(o, symbol);
    if (slot == 0) {
        snprintf(why, n, "%s: no import of %s found", o->name, symbol);
        return -1;
    }
    void *current = __atomic_load_n((void **)slot, __ATOMIC_RELAXED);
    if (current != expected) {
        snprintf(why, n, "%s: its %s is bound elsewhere (%p, not %p)", o->name, symbol, current, expected);
        return -1;
    }
    long page = sysconf(_SC_PAGESIZE);
    void *start = (void *)(slot & ~(ElfW(Addr))(page - 1));
    int protect = slot >= o->relro_start && slot < o->relro_end;
    if (protect && mprotect(start, (size_t)page, PROT_READ | PROT_WRITE) != 0) {
        snprintf(why, n, "%s: mprotect: %s", o->name, strerror(errno));
        return -1;
    }
    __atomic_store_n((void **)slot, replacement, __ATOMIC_RELEASE);
    if (protect) {
        mprotect(start, (size_t)page, PROT_READ);
    }
    return 1;
}

int jembed_os_prepare_jvm(void *libjvm, char *why, size_t n) {
    Dl_info info;
    void *create = dlsym(libjvm, "JNI_CreateJavaVM");
    if (create == NULL || dladdr(create, &info) == 0 || info.dli_fname == NULL) {
        snprintf(why, n, "libjvm's path is unknown");
        return -1;
    }
    /* <home>/lib/server/libjvm.so -> <home>/lib/libjava.so */
    char path[JEMBED_PATH_MAX];
    snprintf(path, sizeof path, "%s", info.dli_fname);
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(path, '/');
        if (slash == NULL) {
            snprintf(why, n, "%s: no libjava beside it", info.dli_fname);
            return -1;
        }
        *slash = '\0';
    }
    size_t used = strlen(path);
    snprintf(path + used, sizeof path - used, "/libjava.so");
    /* as HotSpot opens it (os::dll_load: RTLD_LAZY, local); kept open for the JVM */
    void *libjava = dlopen(path, RTLD_LAZY);
    struct link_map *map = NULL;
    if (libjava == NULL || dlinfo(libjava, RTLD_DI_LINKMAP, &map) != 0 || map == NULL) {
        const char *e = dlerror();
        snprintf(why, n, "%s", e != NULL ? e : path);
        return -1;
    }
    elf_object o = { map->l_addr, map->l_name, NULL, 0, 0, 0, 0 };
    dl_iterate_phdr(find_object_cb, &o);
    if (!o.found || o.dynamic == NULL) {
        snprintf(why, n, "%s: not found among the loaded objects", path);
        return -1;
    }
    return rebind(&o, "getpwuid", (void *)getpwuid, (void *)jvm_getpwuid, why, n);
}
#else
int jembed_os_prepare_jvm(void *libjvm, char *why, size_t n) {
    (void)libjvm;
    (void)why;
    (void)n;
    return 0;
}
#endif

const char *jembed_os_id_change_hazard(void) {
#if defined(JEMBED_OS_LINUX)
    /* the calling thread's capabilities, as /proc shows them (hexadecimal masks) */
    unsigned long long permitted = 0, ambient = 0;
    FILE *f = fopen("/proc/thread-self/status", "re");
    if (f != NULL) {
        char line[256];
        while (fgets(line, sizeof line, f) != NULL) {
            if (strncmp(line, "CapPrm:", 7) == 0) {
                permitted = strtoull(line + 7, NULL, 16);
            } else if (strncmp(line, "CapAmb:", 7) == 0) {
                ambient = strtoull(line + 7, NULL, 16);
            }
        }
        fclose(f);
    }
    const unsigned long long set_ids = (1ULL << 6) | (1ULL << 7); /* CAP_SETGID, CAP_SETUID */
    if ((permitted & set_ids) == 0) {
        return NULL; /* it cannot change its ids at all */
    }
    int securebits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
    const int keeping = (1 << 2) | (1 << 4); /* SECBIT_NO_SETUID_FIXUP, SECBIT_KEEP_CAPS */
    if (prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0) == 1 || (securebits > 0 && (securebits & keeping) != 0) || ambient != 0) {
        return "this process keeps its capabilities across a change of its user id (PR_SET_KEEPCAPS, securebits or"
               " ambient capabilities)";
    }
#if defined(__GLIBC__)
    if (strcmp(program_invocation_short_name, "setpriv") == 0) {
        return "setpriv changes its user id before its group ids, keeping its capabilities";
    }
#endif
#endif
    return NULL;
}

/* The process's environment array, as getenv reads it. */
#if defined(JEMBED_OS_MACOS)
#define JEMBED_ENVIRON (*_NSGetEnviron())
#else
extern char **environ;
#define JEMBED_ENVIRON environ
#endif

static char **env_original;    /* the array jembed_os_env_hide replaced */
static char **env_copy;        /* the array without the hidden variables (never freed: a reader may be on it) */
static char *env_hidden[8];    /* the hidden "NAME=value" entries, NULL-terminated */

static int hidden_entry(const char *entry, const char *const *names) {
    for (const char *const *name = names; *name != NULL; name++) {
        size_t len = strlen(*name);
        if (strncmp(entry, *name, len) == 0 && entry[len] == '=') {
            return 1;
        }
    }
    return 0;
}

int jembed_os_env_hide(const char *const *names) {
    char **env = JEMBED_ENVIRON;
    size_t count = 0, hidden = 0;
    while (env != NULL && env[count] != NULL) {
        hidden += (size_t)hidden_entry(env[count], names);
        count++;
    }
    if (hidden == 0) {
        return 0;
    }
    char **copy = malloc((count + 1) * sizeof *copy);
    if (copy == NULL || hidden >= sizeof env_hidden / sizeof env_hidden[0]) {
        free(copy);
        return -1;
    }
    size_t kept = 0, h = 0;
    for (size_t i = 0; i < count; i++) {
        if (hidden_entry(env[i], names)) {
            env_hidden[h++] = env[i];
        } else {
            copy[kept++] = env[i];
        }
    }
    copy[kept] = NULL;
    env_hidden[h] = NULL;
    env_original = env;
    env_copy = copy;
    __atomic_store_n(&JEMBED_ENVIRON, copy, __ATOMIC_RELEASE);
    return 1;
}

/* True when the copy still holds exactly what jembed_os_env_hide put there. */
static int copy_untouched(void) {
    size_t j = 0;
    for (size_t i = 0; env_original[i] != NULL; i++) {
        int was_hidden = 0;
        for (size_t h = 0; env_hidden[h] != NULL; h++) {
            was_hidden |= env_hidden[h] == env_original[i];
        }
        if (!was_hidden && env_copy[j++] != env_original[i]) {
            return 0;
        }
    }
    return env_copy[j] == NULL;
}

void jembed_os_env_unhide(void) {
    if (env_copy == NULL) {
        return;
    }
    char **expected = env_copy;
    if (!(JEMBED_ENVIRON == env_copy && copy_untouched()
          && __atomic_compare_exchange_n(&JEMBED_ENVIRON, &expected, env_original, 0, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE))) {
        /* the host changed its environment meanwhile: keep that, and set again what it did not set itself */
        for (size_t h = 0; env_hidden[h] != NULL; h++) {
            char name[256];
            const char *eq = strchr(env_hidden[h], '=');
            size_t len = (size_t)(eq - env_hidden[h]);
            if (len < sizeof name) {
                memcpy(name, env_hidden[h], len);
                name[len] = '\0';
                if (getenv(name) == NULL) {
                    setenv(name, eq + 1, 0);
                }
            }
        }
    }
    env_copy = NULL;
}

/* ---- secure mode --------------------------------------------------------------------------------- */

const char *jembed_os_privileged(void) {
#if defined(JEMBED_OS_LINUX)
    if (getauxval(AT_SECURE) != 0) {
        return "privileged process (AT_SECURE: set-user-ID, set-group-ID or file capabilities)";
    }
#else
    if (issetugid()) {
        return "privileged process (issetugid: set-user-ID or set-group-ID)";
    }
#endif
    if (getuid() != geteuid()) {
        return "privileged process (real and effective user ids differ)";
    }
    if (getgid() != getegid()) {
        return "privileged process (real and effective group ids differ)";
    }
    return NULL;
}

int jembed_os_ids_differ(void) {
    return getuid() != geteuid() || getgid() != getegid();
}

int jembed_os_trusted_path(char *path, size_t size, char *why, size_t n, int *found) {
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
    char self[JEMBED_PATH_MAX];
    struct stat st;
    if (jembed_os_self_path(self, sizeof self) == 0 && stat(self, &st) == 0) {
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

#endif
