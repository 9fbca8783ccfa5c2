/* wordfreq: the word frequencies of a large text, through a pipeline of
 * process functions (docs/processes.md):
 *
 *   reader (main) --chunk--> tokenizer t --batch future--> counter k --> merge
 *
 * The reader cuts the text into chunks at word boundaries and sends each to
 * one of TOKENIZERS contained processes, round robin. A tokenizer's step
 * lowercases the chunk's words and splits them by hash among COUNTERS
 * partitions; its reply (a future of that batch) is sent, before it is
 * ready, to every counter, whose step runs once the batch exists and counts
 * its partition's words in a table of its own. Finally each counter is asked
 * for its table (a reply), and the partitions, disjoint by construction, are
 * merged and sorted.
 *
 * Every process is contained and fed by one sender (main), so the result is
 * the same at every worker count (docs/processes.md: determinism). Queues are
 * small (tokenizers 2, counters 8): when the reader runs ahead it helps run
 * the stages instead (pushback), so memory stays bounded by the capacities;
 * the program prints the high-water marks the runtime counted.
 *
 * Input: the files named on the command line, or Debian's license texts
 * (/usr/share/common-licenses), read REPEAT times (default 20, about 5 MB).
 * The result is checked against a plain serial count of the same text.
 *
 * Usage: wordfreq [REPEAT [FILE...]] */
#include <ctype.h>
#include <dirent.h>
#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define TOKENIZERS 4
#define COUNTERS 4
#define CHUNK (64 * 1024)

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void die(const char *what)
{
    fprintf(stderr, "wordfreq: %s\n", what);
    exit(1);
}

/* ---- a table of word counts (open addressing, FNV-1a) ---- */

struct entry {
    char *word; /* owned by the table */
    long count;
    uint64_t hash;
};

struct table {
    struct entry *e;
    size_t cap, n;
};

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void table_grow(struct table *t)
{
    size_t cap = t->cap ? 2 * t->cap : 1024;
    struct entry *e = calloc(cap, sizeof *e);
    if (!e)
        die("out of memory");
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].word) {
            size_t j = t->e[i].hash & (cap - 1);
            while (e[j].word)
                j = (j + 1) & (cap - 1);
            e[j] = t->e[i];
        }
    free(t->e);
    t->e = e;
    t->cap = cap;
}

static void table_add(struct table *t, const char *w, uint64_t h, long k)
{
    if (2 * (t->n + 1) > t->cap)
        table_grow(t);
    size_t j = h & (t->cap - 1);
    while (t->e[j].word) {
        if (t->e[j].hash == h && strcmp(t->e[j].word, w) == 0) {
            t->e[j].count += k;
            return;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->e[j].word = strdup(w);
    if (!t->e[j].word)
        die("out of memory");
    t->e[j].hash = h;
    t->e[j].count = k;
    t->n++;
}

static long table_get(const struct table *t, const char *w)
{
    uint64_t h = fnv1a(w);
    if (!t->cap)
        return 0;
    for (size_t j = h & (t->cap - 1); t->e[j].word; j = (j + 1) & (t->cap - 1))
        if (t->e[j].hash == h && strcmp(t->e[j].word, w) == 0)
            return t->e[j].count;
    return 0;
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->e[i].word);
    free(t->e);
}

/* ---- words: runs of letters, lowercased ---- */

/* Copies the words of [p, end) into buf, NUL-terminated, and calls fn on
 * each. Returns the bytes used. */
static size_t tokenize(const char *p, const char *end, char *buf,
                       void (*fn)(void *, char *), void *arg)
{
    char *o = buf;
    while (p < end) {
        while (p < end && !isalpha((unsigned char)*p))
            p++;
        if (p == end)
            break;
        char *w = o;
        while (p < end && isalpha((unsigned char)*p))
            *o++ = (char)tolower((unsigned char)*p++);
        *o++ = '\0';
        fn(arg, w);
    }
    return (size_t)(o - buf);
}

/* ---- the stages ---- */

struct chunk {
    const char *p, *end; /* in the reader's text, which outlives the run */
};

/* A tokenizer's output: the chunk's words, split by counter. The counters
 * share it; the last one to finish with it frees it. */
struct batch {
    atomic_int readers;
    char *buf;
    size_t n[COUNTERS], cap[COUNTERS];
    char **words[COUNTERS];
    uint64_t *hash[COUNTERS];
};

static void batch_add(void *arg, char *w)
{
    struct batch *b = arg;
    uint64_t h = fnv1a(w);
    unsigned k = (unsigned)(h >> 56) % COUNTERS; /* bits the tables ignore */
    if (b->n[k] == b->cap[k]) {
        b->cap[k] = b->cap[k] ? 2 * b->cap[k] : 256;
        b->words[k] = realloc(b->words[k], b->cap[k] * sizeof *b->words[k]);
        b->hash[k] = realloc(b->hash[k], b->cap[k] * sizeof *b->hash[k]);
        if (!b->words[k] || !b->hash[k])
            die("out of memory");
    }
    b->words[k][b->n[k]] = w;
    b->hash[k][b->n[k]++] = h;
}

static void *tokenizer_step(void *state, void *msg)
{
    (void)state;
    struct chunk *c = msg;
    struct batch *b = calloc(1, sizeof *b);
    if (!b || !(b->buf = malloc((size_t)(c->end - c->p) + 1)))
        die("out of memory");
    atomic_init(&b->readers, COUNTERS);
    tokenize(c->p, c->end, b->buf, batch_add, b);
    free(c); /* the reader handed the chunk over */
    return b;
}

struct counter {
    unsigned k;
    struct table t;
};

/* A batch (the value of a tokenizer's reply), or NULL: "your table". */
static void *counter_step(void *state, void *msg)
{
    struct counter *c = state;
    struct batch *b = msg;
    if (!b)
        return &c->t;
    for (size_t i = 0; i < b->n[c->k]; i++)
        table_add(&c->t, b->words[c->k][i], b->hash[c->k][i], 1);
    if (atomic_fetch_sub(&b->readers, 1) == 1) {
        for (int k = 0; k < COUNTERS; k++) {
            free(b->words[k]);
            free(b->hash[k]);
        }
        free(b->buf);
        free(b);
    }
    return NULL;
}

/* ---- input ---- */

static char *text;
static size_t text_len, text_cap;

static void append_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (text_len + n + 1 > text_cap) {
            text_cap = 2 * (text_len + n + 1);
            text = realloc(text, text_cap);
            if (!text)
                die("out of memory");
        }
        memcpy(text + text_len, buf, n);
        text_len += n;
        text[text_len++] = '\n';
    }
    fclose(f);
}

static void read_input(int argc, char **argv, long repeat)
{
    if (argc > 2)
        for (int i = 2; i < argc; i++)
            append_file(argv[i]);
    else {
        const char *dir = "/usr/share/common-licenses";
        DIR *d = opendir(dir);
        struct dirent *e;
        char path[4096];
        while (d && (e = readdir(d))) {
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (e->d_name[0] != '.' && stat(path, &st) == 0 &&
                S_ISREG(st.st_mode))
                append_file(path);
        }
        if (d)
            closedir(d);
    }
    if (text_len == 0)
        die("no input text");
    size_t one = text_len;
    text = realloc(text, one * (size_t)repeat);
    if (!text)
        die("out of memory");
    for (long r = 1; r < repeat; r++)
        memcpy(text + (size_t)r * one, text, one);
    text_len = one * (size_t)repeat;
}

/* ---- the result ---- */

static int by_count(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->word, y->word);
}

static void count_serially(void *arg, char *w)
{
    table_add(arg, w, fnv1a(w), 1);
}

int main(int argc, char **argv)
{
    long repeat = argc > 1 ? atol(argv[1]) : 20;
    if (repeat < 1)
        die("usage: wordfreq [REPEAT [FILE...]]");
    read_input(argc, argv, repeat);

    parc_proc tok[TOKENIZERS], cnt[COUNTERS];
    struct counter cs[COUNTERS];
    parc_proc_opts to = {.capacity = 2}, co = {.capacity = 8};
    for (int t = 0; t < TOKENIZERS; t++)
        if (parc_proc_spawn(&tok[t], tokenizer_step, NULL, &to))
            die("spawn");
    for (int k = 0; k < COUNTERS; k++) {
        cs[k] = (struct counter){.k = (unsigned)k};
        if (parc_proc_spawn(&cnt[k], counter_step, &cs[k], &co))
            die("spawn");
    }

    double t0 = now();
    size_t chunks = 0;
    for (const char *p = text, *end = text + text_len; p < end; chunks++) {
        const char *q = p + CHUNK < end ? p + CHUNK : end;
        while (q < end && isalpha((unsigned char)*q))
            q++; /* never cut a word */
        struct chunk *c = malloc(sizeof *c);
        if (!c)
            die("out of memory");
        *c = (struct chunk){p, q};
        parc_future batch;
        if (parc_proc_send(&tok[chunks % TOKENIZERS], c, &batch))
            die("send");
        for (int k = 0; k < COUNTERS; k++) {
            parc_future copy;
            if (parc_future_copy(&batch, &copy) ||
                parc_proc_send_future(&cnt[k], &copy, NULL))
                die("send");
        }
        parc_future_drop(&batch);
        p = q;
    }
    /* Merge: every counter's table (its reply comes after its batches). */
    struct table *parts[COUNTERS];
    size_t distinct = 0;
    for (int k = 0; k < COUNTERS; k++) {
        parc_future f;
        void *v;
        if (parc_proc_send(&cnt[k], NULL, &f) || parc_future_join(&f, &v))
            die("join");
        parts[k] = v;
        distinct += parts[k]->n;
    }
    struct entry *all = malloc(distinct * sizeof *all);
    if (!all)
        die("out of memory");
    size_t n = 0;
    long words = 0;
    for (int k = 0; k < COUNTERS; k++)
        for (size_t i = 0; i < parts[k]->cap; i++)
            if (parts[k]->e[i].word) {
                all[n++] = parts[k]->e[i];
                words += parts[k]->e[i].count;
            }
    qsort(all, n, sizeof *all, by_count);
    double t = now() - t0;

    parc_proc_stats st;
    unsigned long long tok_max = 0, cnt_max = 0;
    for (int i = 0; i < TOKENIZERS; i++)
        if (!parc_proc_stats_get(&tok[i], &st) && st.max_queued > tok_max)
            tok_max = st.max_queued;
    for (int k = 0; k < COUNTERS; k++)
        if (!parc_proc_stats_get(&cnt[k], &st) && st.max_queued > cnt_max)
            cnt_max = st.max_queued;

    /* Check against the serial count of the same text. */
    struct table ref = {0};
    char *buf = malloc(text_len + 1);
    if (!buf)
        die("out of memory");
    tokenize(text, text + text_len, buf, count_serially, &ref);
    free(buf);
    if (ref.n != n)
        die("distinct words differ from the serial count");
    for (size_t i = 0; i < n; i++)
        if (table_get(&ref, all[i].word) != all[i].count)
            die("a count differs from the serial count");

    printf("%zu bytes, %zu chunks, %ld words, %zu distinct\n", text_len,
           chunks, words, n);
    for (size_t i = 0; i < n && i < 5; i++)
        printf("  %-12s %ld\n", all[i].word, all[i].count);
    printf("queues at most: tokenizers %llu of %u, counters %llu of %u\n",
           tok_max, to.capacity, cnt_max, co.capacity);
    printf("workers=%u\ntime_s=%.3f\n", parc_workers(), t);
    if (tok_max > to.capacity || cnt_max > co.capacity)
        die("a queue went past its capacity");
    printf("wordfreq: ok\n");

    for (int t = 0; t < TOKENIZERS; t++)
        parc_proc_drop(&tok[t]);
    for (int k = 0; k < COUNTERS; k++) {
        parc_proc_drop(&cnt[k]);
        table_free(&cs[k].t);
    }
    table_free(&ref);
    free(all);
    free(text);
    return 0;
}
