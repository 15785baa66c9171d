/*
 * jembed platform layer for Windows (see jembed_platform.h), built with mingw-w64. A fixed file, compiled into every
 * jembed library; empty elsewhere. Only kernel32 (linked by default) is used, so a jembed DLL imports nothing else
 * but the C runtime. Paths are UTF-8 inside jembed and UTF-16 at the API.
 */
#if defined(_WIN32)
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0602 /* Windows 8: GetCurrentThreadStackLimits */
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include "jembed_platform.h"

#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(SRWLOCK) == sizeof(void *), "jembed_os_mutex.srw holds an SRWLOCK");
_Static_assert(sizeof(CONDITION_VARIABLE) == sizeof(void *), "jembed_os_cond holds a CONDITION_VARIABLE");
_Static_assert(sizeof(INIT_ONCE) == sizeof(void *), "jembed_os_once holds an INIT_ONCE");

const char jembed_os_libjvm_name[] = "jvm.dll";
const char *const jembed_os_libjvm_paths[] = { "\\bin\\server\\jvm.dll", NULL };

/* ---- text ---------------------------------------------------------------------------------------- */

static int to_wide(const char *utf8, wchar_t *out, int count) {
    return MultiByteToWideChar(CP_UTF8, 0, utf8, -1, out, count) > 0;
}

static int to_utf8(const wchar_t *wide, char *out, size_t size) {
    return WideCharToMultiByte(CP_UTF8, 0, wide, -1, out, (int)size, NULL, NULL) > 0;
}

/* The system's message for a GetLastError code, without its line end. */
static void system_message(DWORD code, char *out, size_t size) {
    wchar_t text[512];
    DWORD len = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code, 0, text,
                               sizeof text / sizeof text[0], NULL);
    while (len > 0 && (text[len - 1] == L'\n' || text[len - 1] == L'\r' || text[len - 1] == L' ' || text[len - 1] == L'.')) {
        text[--len] = L'\0';
    }
    char message[1024];
    if (len == 0 || !to_utf8(text, message, sizeof message)) {
        snprintf(out, size, "Windows error %lu", (unsigned long)code);
        return;
    }
    /* Messages with inserts name their subject "%1" ("Bad EXE format for %1"): the caller names the file already. */
    char *insert = strstr(message, "%1");
    if (insert != NULL) {
        snprintf(out, size, "%.*sthe file%s (Windows error %lu)", (int)(insert - message), message, insert + 2,
                 (unsigned long)code);
    } else {
        snprintf(out, size, "%s (Windows error %lu)", message, (unsigned long)code);
    }
}

/* ---- libraries ----------------------------------------------------------------------------------- */

void *jembed_os_open(const char *path, char *why, size_t n) {
    wchar_t wide[JEMBED_PATH_MAX];
    if (!to_wide(path, wide, JEMBED_PATH_MAX)) {
        snprintf(why, n, "%s: not a valid path", path);
        return NULL;
    }
    DWORD attributes = GetFileAttributesW(wide);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        DWORD e = GetLastError();
        if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) {
            snprintf(why, n, "%s: not found", path);
        } else {
            char text[256];
            system_message(e, text, sizeof text);
            snprintf(why, n, "%s: %s", path, text);
        }
        return NULL;
    }
    /* The DLL's own directory is searched for its dependencies (jvm.dll needs the runtime's bin\). */
    HMODULE h = LoadLibraryExW(wide, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (h == NULL) {
        char text[256];
        system_message(GetLastError(), text, sizeof text);
        snprintf(why, n, "%s: %s", path, text);
    }
    return (void *)h;
}

void *jembed_os_symbol(void *library, const char *name) {
    FARPROC f = GetProcAddress((HMODULE)library, name);
    void *p;
    memcpy(&p, &f, sizeof p); /* a function address as data, without a cast gcc warns about */
    return p;
}

void *jembed_os_loaded_libjvm(char *path, size_t size) {
    HMODULE h = GetModuleHandleW(L"jvm.dll");
    if (h == NULL) {
        return NULL;
    }
    wchar_t wide[JEMBED_PATH_MAX];
    DWORD len = GetModuleFileNameW(h, wide, JEMBED_PATH_MAX);
    if (len == 0 || len >= JEMBED_PATH_MAX || !to_utf8(wide, path, size)) {
        snprintf(path, size, "jvm.dll");
    }
    return (void *)h; /* loaded for the life of the process: the JVM cannot be unloaded */
}

/* This DLL's module handle (the exe's when jembed is linked into it statically). */
static HMODULE self_module(void) {
    HMODULE h = NULL;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (LPCWSTR)(const void *)jembed_os_libjvm_paths, &h)) {
        return NULL;
    }
    return h;
}

int jembed_os_self_path(char *out, size_t size) {
    out[0] = '\0';
    HMODULE h = self_module();
    wchar_t wide[JEMBED_PATH_MAX];
    DWORD len = h != NULL ? GetModuleFileNameW(h, wide, JEMBED_PATH_MAX) : 0;
    if (len == 0 || len >= JEMBED_PATH_MAX || !to_utf8(wide, out, size)) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

void jembed_os_self_dir(char *out, size_t size) {
    if (jembed_os_self_path(out, size) != 0) {
        return;
    }
    char *sep = strrchr(out, '\\');
    char *slash = strrchr(out, '/');
    if (slash != NULL && (sep == NULL || slash > sep)) {
        sep = slash;
    }
    if (sep != NULL) {
        *sep = '\0';
    } else {
        snprintf(out, size, ".");
    }
}

void jembed_os_pin_self(void) {
    HMODULE h = NULL;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       (LPCWSTR)(const void *)jembed_os_libjvm_paths, &h);
}

/* ---- threads ------------------------------------------------------------------------------------- */

void jembed_os_mutex_lock(jembed_os_mutex *m) {
    unsigned long me = GetCurrentThreadId();
    if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == me) { /* only this thread stores its own id */
        m->depth++;
        return;
    }
    AcquireSRWLockExclusive((PSRWLOCK)&m->srw);
    __atomic_store_n(&m->owner, me, __ATOMIC_RELAXED);
    m->depth = 1;
}

void jembed_os_mutex_unlock(jembed_os_mutex *m) {
    if (--m->depth == 0) {
        __atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
        ReleaseSRWLockExclusive((PSRWLOCK)&m->srw);
    }
}

void jembed_os_mutex_reset(jembed_os_mutex *m) {
    m->srw = NULL;
    m->owner = 0;
    m->depth = 0;
}

void jembed_os_cond_wait(jembed_os_cond *c, jembed_os_mutex *m) {
    unsigned long me = GetCurrentThreadId();
    unsigned depth = m->depth;
    m->depth = 0;
    __atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
    SleepConditionVariableSRW((PCONDITION_VARIABLE)&c->cv, (PSRWLOCK)&m->srw, INFINITE, 0);
    __atomic_store_n(&m->owner, me, __ATOMIC_RELAXED);
    m->depth = depth;
}

void jembed_os_cond_broadcast(jembed_os_cond *c) {
    WakeAllConditionVariable((PCONDITION_VARIABLE)&c->cv);
}

void jembed_os_once_run(jembed_os_once *o, void (*fn)(void)) {
    BOOL pending = FALSE;
    if (InitOnceBeginInitialize((PINIT_ONCE)&o->once, 0, &pending, NULL) && pending) {
        fn();
        InitOnceComplete((PINIT_ONCE)&o->once, 0, NULL);
    }
}

/* Fiber-local storage: its callback runs on a thread that ends (also by ExitThread) with a non-NULL value, before
   the DLLs' thread-detach notifications, so the JVM can still be called there. */
static DWORD exit_slot = FLS_OUT_OF_INDEXES;
static void (*exit_fn)(void *);

static void WINAPI exit_callback(void *value) {
    if (value != NULL && exit_fn != NULL) {
        exit_fn(value);
    }
}

int jembed_os_exit_hook(void (*fn)(void *value)) {
    exit_fn = fn;
    exit_slot = FlsAlloc(exit_callback);
    return exit_slot == FLS_OUT_OF_INDEXES ? (int)GetLastError() : 0;
}

void jembed_os_exit_value(void *value) {
    if (exit_slot != FLS_OUT_OF_INDEXES) {
        FlsSetValue(exit_slot, value);
    }
}

/* ExitThread code of a thread that escaped; a thread whose function returned ends with 0. */
#define ESCAPED 2u

typedef struct thread_start { void (*fn)(void *); void *arg; } thread_start;

static DWORD WINAPI thread_main(void *p) {
    thread_start s = *(thread_start *)p;
    free(p);
    s.fn(s.arg);
    return 0;
}

int jembed_os_thread_start(jembed_os_thread *t, size_t stack_size, void (*fn)(void *), void *arg) {
    thread_start *s = malloc(sizeof *s);
    if (s == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s->fn = fn;
    s->arg = arg;
    HANDLE h = CreateThread(NULL, stack_size, thread_main, s, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (h == NULL) {
        int e = (int)GetLastError();
        free(s);
        return e;
    }
    *t = (jembed_os_thread)h;
    return 0;
}

int jembed_os_thread_join(jembed_os_thread t) {
    DWORD code = 0;
    WaitForSingleObject((HANDLE)t, INFINITE);
    GetExitCodeThread((HANDLE)t, &code);
    CloseHandle((HANDLE)t);
    return code == ESCAPED;
}

void jembed_os_thread_escape(void) {
    ExitThread(ESCAPED);
}

unsigned long jembed_os_thread_id(void) {
    return GetCurrentThreadId();
}

size_t jembed_os_stack_kib(void) {
    ULONG_PTR low = 0, high = 0;
    GetCurrentThreadStackLimits(&low, &high);
    return (size_t)(high - low) / 1024;
}

const char *jembed_os_error_text(int code) {
    static char text[256]; /* messages of a failed start only, printed by the thread that made them */
    system_message((DWORD)code, text, sizeof text);
    return text;
}

unsigned long jembed_os_last_error(void) {
    return GetLastError();
}

void jembed_os_set_last_error(unsigned long code) {
    SetLastError((DWORD)code);
}

/* ---- time ---------------------------------------------------------------------------------------- */

double jembed_os_now_ms(void) {
    static LARGE_INTEGER frequency;
    LARGE_INTEGER now;
    if (frequency.QuadPart == 0) {
        QueryPerformanceFrequency(&frequency); /* fixed at boot; a racing store writes the same value */
    }
    QueryPerformanceCounter(&now);
    return (double)now.QuadPart * 1e3 / (double)frequency.QuadPart;
}

void jembed_os_sleep_ms(long ms) {
    Sleep((DWORD)ms);
}

/* ---- the creation lock and the abandoned mark ----------------------------------------------------- */

/* "Local\jembed-<what>-<pid>": a kernel object name of this session, unique to this process while it runs. */
static void process_name(wchar_t *out, size_t count, const wchar_t *what) {
    _snwprintf(out, count, L"Local\\jembed-%ls-%lu", what, (unsigned long)GetCurrentProcessId());
    out[count - 1] = L'\0';
}

static int abandoned_here;
static HANDLE abandoned_event; /* never closed: the mark lasts as long as the process */

void jembed_os_mark_abandoned(void) {
    abandoned_here = 1;
    wchar_t name[64];
    process_name(name, sizeof name / sizeof name[0], L"abandoned");
    HANDLE h = CreateEventW(NULL, TRUE, TRUE, name);
    if (h != NULL && __atomic_exchange_n(&abandoned_event, h, __ATOMIC_ACQ_REL) != NULL) {
        CloseHandle(h); /* marked already by this library: one handle is enough */
    }
}

int jembed_os_abandoned(void) {
    if (abandoned_here) {
        return 1;
    }
    wchar_t name[64];
    process_name(name, sizeof name / sizeof name[0], L"abandoned");
    HANDLE h = OpenEventW(SYNCHRONIZE, FALSE, name);
    if (h == NULL) {
        return 0;
    }
    CloseHandle(h);
    return 1;
}

intptr_t jembed_os_creation_lock(long wait_ms) {
    wchar_t name[64];
    process_name(name, sizeof name / sizeof name[0], L"create");
    HANDLE h = CreateMutexW(NULL, FALSE, name);
    if (h == NULL) {
        return -1;
    }
    switch (WaitForSingleObject(h, (DWORD)wait_ms)) {
    case WAIT_OBJECT_0:
        return (intptr_t)h;
    case WAIT_ABANDONED:
        /* Its holder ended inside JNI_CreateJavaVM (the abort hook escaped it): that creation was abandoned, and the
           library that made it may not have marked the process yet. Held now, by this thread. */
        jembed_os_mark_abandoned();
        return (intptr_t)h;
    case WAIT_TIMEOUT:
        CloseHandle(h);
        return -2;
    default:
        CloseHandle(h);
        return -1;
    }
}

void jembed_os_creation_unlock(intptr_t token) {
    if (token >= 0) {
        ReleaseMutex((HANDLE)token);
        CloseHandle((HANDLE)token);
    }
}

void jembed_os_creation_drop(intptr_t token) {
    if (token >= 0) {
        CloseHandle((HANDLE)token); /* its thread ended: the mutex is abandoned, so free, already */
    }
}

/* ---- process exit ---------------------------------------------------------------------------------- */

int jembed_os_at_exit(void (*fn)(void)) {
    (void)fn; /* ExitProcess has ended the JVM's threads before a DLL's atexit runs: Java cannot run then */
    return -1;
}

/* ---- fork ---------------------------------------------------------------------------------------- */

void jembed_os_at_fork_child(void (*fn)(void)) {
    (void)fn; /* Windows has no fork() */
}

/* ---- the JVM's creation inside a host ------------------------------------------------------------- */

int jembed_os_prepare_jvm(void *libjvm, char *why, size_t n) {
    (void)libjvm; /* no NSS, no process-wide lock the JVM's start takes on the host's behalf */
    (void)why;
    (void)n;
    return 0;
}

const char *jembed_os_id_change_hazard(void) {
    return NULL; /* a thread's token is its own: nothing is applied to every thread */
}

int jembed_os_env_hide(const char *const *names) {
    (void)names;
    return -1; /* the JVM's C runtime (ucrtbase) reads its own copy of the environment */
}

void jembed_os_env_unhide(void) {
}

/* ---- secure mode --------------------------------------------------------------------------------- */

const char *jembed_os_privileged(void) {
    return NULL; /* no set-user-ID programs: an elevated process chose to run with its environment */
}

int jembed_os_ids_differ(void) {
    return 0;
}

int jembed_os_trusted_path(char *path, size_t size, char *why, size_t n, int *found) {
    wchar_t wide[JEMBED_PATH_MAX], full[JEMBED_PATH_MAX];
    if (!to_wide(path, wide, JEMBED_PATH_MAX)) {
        snprintf(why, n, "%s: not a valid path", path);
        return 0;
    }
    DWORD attributes = GetFileAttributesW(wide);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        snprintf(why, n, "%s: not found", path);
        return 0;
    }
    *found = 1;
    if ((attributes & FILE_ATTRIBUTE_DIRECTORY) != 0) {
        snprintf(why, n, "refused %s: not a regular file", path);
        return 0;
    }
    DWORD len = GetFullPathNameW(wide, JEMBED_PATH_MAX, full, NULL);
    char real[JEMBED_PATH_MAX];
    if (len == 0 || len >= JEMBED_PATH_MAX || !to_utf8(full, real, sizeof real) || strlen(real) >= size) {
        snprintf(why, n, "refused %s: its full path is too long", path);
        return 0;
    }
    snprintf(path, size, "%s", real);
    return 1;
}

#endif
