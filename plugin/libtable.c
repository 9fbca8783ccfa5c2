/* libtable.c: the library table (see libtable.h and docs/language.md,
 * "The library table").  Each entry gives the class and the reason printed
 * in notes.  Math functions count as pure although they may set errno:
 * parc treats errno as unspecified after a fork (like GCC's -fno-math-errno
 * view of them), and errno itself (__errno_location) is not contained. */
#include "libtable.h"

#include <string.h>

#define P(n, r) { n, PARC_LIB_PURE, -1, -1, -1, r }
#define PW(n, w, r) { n, PARC_LIB_PURE, w, -1, -1, r }
#define C(n, r) { n, PARC_LIB_CONTAINED, -1, -1, -1, r }
#define CW(n, w, r) { n, PARC_LIB_CONTAINED, w, -1, -1, r }
#define A(n, r) { n, PARC_LIB_ALLOC, -1, -1, -1, r }
#define S(n, s, r) { n, PARC_LIB_STREAM, -1, s, -1, r }
#define J(n) { n, PARC_LIB_SETJMP, -1, -1, -1, "makes a non-local jump" }
#define N(n, r) { n, PARC_LIB_NONE, -1, -1, -1, r }

static const char compares[] = "only reads its arguments";
static const char math[] = "computes from its arguments";
static const char copies[] = "writes only through its first argument";
static const char prints[] = "prints to standard output or standard error";
static const char allocs[] = "allocates memory";

static const struct parc_lib_entry table[] = {
    /* Pure: string and memory reading, character classes, math. */
    P("strlen", compares), P("strnlen", compares), P("strcmp", compares),
    P("strncmp", compares), P("memcmp", compares), P("bcmp", compares),
    P("memchr", compares), P("strchr", compares), P("strrchr", compares),
    P("strstr", compares), P("strspn", compares), P("strcspn", compares),
    P("strpbrk", compares), P("strcasecmp", compares), P("strncasecmp", compares),
    P("abs", math), P("labs", math), P("llabs", math), P("imaxabs", math),
    P("div", math), P("ldiv", math), P("lldiv", math),
    P("sqrt", math), P("sqrtf", math), P("sqrtl", math),
    P("cbrt", math), P("fabs", math), P("fabsf", math), P("fabsl", math),
    P("floor", math), P("floorf", math), P("ceil", math), P("ceilf", math),
    P("round", math), P("roundf", math), P("trunc", math), P("truncf", math),
    P("lround", math), P("llround", math), P("rint", math), P("nearbyint", math),
    P("fmod", math), P("fmodf", math), P("fmin", math), P("fmax", math),
    P("hypot", math), P("pow", math), P("powf", math), P("exp", math),
    P("expf", math), P("exp2", math), P("expm1", math), P("log", math),
    P("logf", math), P("log2", math), P("log10", math), P("log1p", math),
    P("sin", math), P("sinf", math), P("cos", math), P("cosf", math),
    P("tan", math), P("tanf", math), P("asin", math), P("acos", math),
    P("atan", math), P("atan2", math), P("atan2f", math), P("sinh", math),
    P("cosh", math), P("tanh", math), P("erf", math), P("tgamma", math),
    P("copysign", math), P("ldexp", math), P("scalbn", math),
    PW("frexp", 1, "writes only through its second argument"),
    PW("modf", 1, "writes only through its second argument"),
    P("isalpha", math), P("isdigit", math), P("isalnum", math),
    P("isspace", math), P("isupper", math), P("islower", math),
    P("isxdigit", math), P("isprint", math), P("ispunct", math),
    P("iscntrl", math), P("isgraph", math), P("toupper", math),
    P("tolower", math), P("__ctype_b_loc", "returns the locale's character table"),
    P("__ctype_tolower_loc", "returns the locale's character table"),
    P("__ctype_toupper_loc", "returns the locale's character table"),
    P("expect", "is a compiler hint"), P("expect_with_probability", "is a compiler hint"),
    P("unreachable", "is a compiler hint"), P("prefetch", "is a compiler hint"),
    P("assume_aligned", "is a compiler hint"), P("object_size", "is a compiler hint"),
    P("dynamic_object_size", "is a compiler hint"),
    P("stack_save", "manages the stack"), P("stack_restore", "manages the stack"),
    PW("va_start", 0, "writes only its va_list"), PW("va_end", 0, "writes only its va_list"),
    PW("va_copy", 0, "writes only its va_list"),
    /* Contained: write through one argument. */
    CW("memcpy", 0, copies), CW("memmove", 0, copies), CW("memset", 0, copies),
    CW("mempcpy", 0, copies), CW("bzero", 0, copies), CW("strcpy", 0, copies),
    CW("strncpy", 0, copies), CW("stpcpy", 0, copies), CW("strcat", 0, copies),
    CW("strncat", 0, copies), CW("sprintf", 0, copies), CW("snprintf", 0, copies),
    CW("vsprintf", 0, copies), CW("vsnprintf", 0, copies),
    CW("__memcpy_chk", 0, copies), CW("__memmove_chk", 0, copies),
    CW("__memset_chk", 0, copies), CW("__mempcpy_chk", 0, copies),
    CW("__strcpy_chk", 0, copies), CW("__strncpy_chk", 0, copies),
    CW("__stpcpy_chk", 0, copies), CW("__strcat_chk", 0, copies),
    CW("__strncat_chk", 0, copies), CW("__sprintf_chk", 0, copies),
    CW("__snprintf_chk", 0, copies), CW("__vsprintf_chk", 0, copies),
    CW("__vsnprintf_chk", 0, copies),
    CW("strtol", 1, "writes only through its end pointer"),
    CW("strtoul", 1, "writes only through its end pointer"),
    CW("strtoll", 1, "writes only through its end pointer"),
    CW("strtoull", 1, "writes only through its end pointer"),
    CW("strtod", 1, "writes only through its end pointer"),
    CW("strtof", 1, "writes only through its end pointer"),
    C("atoi", compares), C("atol", compares), C("atoll", compares), C("atof", compares),
    CW("rand_r", 0, "writes only its seed argument"),
    { "qsort", PARC_LIB_CONTAINED, 0, -1, 3, "sorts its array with its comparison function" },
    { "bsearch", PARC_LIB_CONTAINED, -1, -1, 4, "searches with its comparison function" },
    /* Contained: print to stdout/stderr, allocate, halt. */
    C("printf", prints), C("puts", prints), C("putchar", prints), C("vprintf", prints),
    C("putchar_unlocked", prints), C("perror", prints), C("__printf_chk", prints),
    C("__vprintf_chk", prints),
    S("fprintf", 0, prints), S("vfprintf", 0, prints), S("fputs", 1, prints),
    S("fputc", 1, prints), S("putc", 1, prints), S("fwrite", 3, prints),
    S("fflush", 0, prints), S("fputs_unlocked", 1, prints),
    S("fputc_unlocked", 1, prints), S("putc_unlocked", 1, prints),
    S("fwrite_unlocked", 3, prints), S("__fprintf_chk", 0, prints),
    S("__vfprintf_chk", 0, prints),
    A("malloc", allocs), A("calloc", allocs), A("realloc", allocs),
    A("aligned_alloc", allocs), A("alloca", allocs), A("alloca_with_align", allocs),
    A("alloca_with_align_and_max", allocs), A("strdup", allocs), A("strndup", allocs),
    CW("posix_memalign", 0, allocs), C("free", "frees memory"),
    C("abort", "ends the program with an error"), C("trap", "ends the program with an error"),
    C("__assert_fail", "ends the program with an error"),
    C("__stack_chk_fail", "ends the program with an error"),
    /* Non-local jumps. */
    J("setjmp"), J("_setjmp"), J("__sigsetjmp"), J("sigsetjmp"), J("longjmp"),
    J("_longjmp"), J("siglongjmp"), J("__longjmp_chk"), J("setjmp_receiver"),
    J("nonlocal_goto"),
    /* Not contained: hidden or shared state. */
    N("rand", "reads and updates the random generator's hidden state"),
    N("srand", "updates the random generator's hidden state"),
    N("random", "reads and updates the random generator's hidden state"),
    N("srandom", "updates the random generator's hidden state"),
    N("drand48", "reads and updates the random generator's hidden state"),
    N("getenv", "reads the environment, which setenv changes"),
    N("secure_getenv", "reads the environment, which setenv changes"),
    N("setenv", "changes the environment"), N("unsetenv", "changes the environment"),
    N("putenv", "changes the environment"),
    N("exit", "runs atexit handlers and flushes every stream"),
    N("_exit", "ends the process"), N("_Exit", "ends the process"),
    N("quick_exit", "ends the process"), N("atexit", "registers a handler"),
    N("time", "reads the clock"), N("clock", "reads the clock"),
    N("clock_gettime", "reads the clock"), N("gettimeofday", "reads the clock"),
    N("localtime", "returns shared static storage"), N("gmtime", "returns shared static storage"),
    N("strtok", "keeps hidden state between calls"), N("strerror", "returns shared static storage"),
    N("setlocale", "changes the locale"), N("__errno_location", "uses errno, which is unspecified after a join"),
    N("scanf", "reads standard input"), N("getchar", "reads standard input"),
    N("fgets", "reads a stream"), N("fgetc", "reads a stream"), N("getc", "reads a stream"),
    N("fread", "reads a stream"), N("fscanf", "reads a stream"), N("gets", "reads standard input"),
    N("fopen", "opens a file"), N("fclose", "closes a stream"),
    N("read", "performs I/O"), N("write", "performs I/O"), N("open", "performs I/O"),
    N("close", "performs I/O"), N("system", "runs a program"), N("signal", "changes signal handling"),
    N("raise", "raises a signal"), N("sleep", "waits on the clock"), N("usleep", "waits on the clock"),
    N("nanosleep", "waits on the clock"),
    /* parc's own API (its inline bodies touch the runtime's thread-local
     * worker pointer: the runtime's business, not the caller's). */
    { "parc_fork", PARC_LIB_CONTAINED, 0, -1, 1, "forks its thunk" },
    C("parc_pop", "joins a frame"), C("parc_join", "joins a frame"),
    C("parc_poll", "lets the runtime serve requests"),
    C("parc_workers", "reads the worker count"),
    C("parc_worker_id", "reads the calling worker's index"),
    P("parc_sequential", "says whether the caller runs as its sequential clone"),
    { "parc_future_fork", PARC_LIB_CONTAINED, 0, -1, 1, "forks a future" },
    { "parc_future_lazy", PARC_LIB_CONTAINED, 0, -1, 1, "makes a lazy future" },
    C("parc_future_par", "runs a future"), C("parc_future_need", "waits for a future"),
    CW("parc_future_join", 1, "joins a future"), C("parc_future_ready", "polls a future"),
    CW("parc_future_copy", 1, "copies a future handle"), C("parc_future_drop", "drops a future"),
    N("parc_set_workers", "changes the runtime's configuration"),
    N("parc_start", "starts the runtime"),
    /* Task and process heaps: memory of the caller's own heap. */
    A("parc_alloc", allocs), A("parc_alloc_atomic", allocs),
    A("parc_alloc_layout", allocs),
    A("parc_layout_new", "makes a layout (immutable, for the program's life)"),
    A("parc_copy", "copies an object into the caller's heap"),
    C("parc_gc_collect", "collects the caller's heap"),
    C("parc_heap_live", "reads the caller's heap's statistics"),
    N("parc_root_add", "changes the collector's roots"),
    N("parc_root_remove", "changes the collector's roots"),
    /* Processes (docs/processes.md): a step may copy handles, read
     * counters and set its own state. Spawning (its steps run later, on
     * memory the caller may share), dropping (the last drop runs fini) and
     * sending (another process sees it) are not contained; gcc-steps.cc
     * also refuses sends in contained steps by name. */
    N("parc_proc_spawn", "spawns a process, whose steps run later"),
    N("parc_proc_drop", "drops a process handle (the last runs fini)"),
    CW("parc_proc_copy", 1, "copies a process handle"),
    CW("parc_proc_self", 0, "reads the running process's handle"),
    CW("parc_proc_stats_get", 1, "reads a process's counters"),
    CW("parc_proc_heaps_get", 0, "reads the process heaps' counters"),
    C("parc_proc_state_set", "sets the running process's state"),
    P("parc_proc_size", "returns a constant"),
    N("parc_proc_send", "sends to a process"),
    N("parc_proc_send_future", "sends to a process"),
    N("parc_proc_forward", "sends to a process"),
    N("parc_proc_defer", "takes its reply to give later"),
    N("parc_reply_give", "gives a deferred reply"),
};

/* Instrumentation the sanitizers insert: it reports, it changes nothing the
 * program can observe, so it is pure: building with -fsanitize must not
 * change a verdict (a PARC_PURE function stays pure under UBSan). */
static const struct parc_lib_entry instrumentation = {
    "", PARC_LIB_PURE, -1, -1, -1, "is sanitizer instrumentation"
};

const struct parc_lib_entry *parc_lib_lookup(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    static const char *const prefixes[] = {
        "__ubsan_", "__asan_", "__tsan_", "__sanitizer_", "__hwasan_",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return &instrumentation;
    return NULL;
}
