/* Small helpers for db/: error formatting, clock, UUIDs, growable
 * strings, separator splitting, SHA-256 and the busy backoff. */
#include "db/internal.h"
#include "util/mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/random.h>

#include <openssl/evp.h>
#include <uuid/uuid.h>

#include "util/dynlib.h"

/* libcrypto (5 MB, the largest library the program used to map at every
 * start) is opened when the first hash is computed, not linked: a read
 * command computes none. Only these functions are used. */
#define SSL_FUNCS(X) X(EVP_MD_CTX_new) X(EVP_MD_CTX_free) X(EVP_DigestInit_ex)            \
    X(EVP_DigestUpdate) X(EVP_DigestFinal_ex) X(EVP_sha256)
#define SSL_FIELD(f) __typeof__(&f) f;
#define SSL_NAME(f) #f,
#define SSL_SLOT(f) (void **)&ssl.f,
static struct { SSL_FUNCS(SSL_FIELD) } ssl;
static const char *const ssl_names[] = {SSL_FUNCS(SSL_NAME)};
static void **const ssl_slots[] = {SSL_FUNCS(SSL_SLOT)};
#ifndef LIB_CRYPTO_SONAME   /* the file the build linked against (Makefile: SONAMES) */
#error "LIB_CRYPTO_SONAME is not defined: build with make"
#endif
static struct dynlib ssl_lib = {"libcrypto", "libssl3", LIB_CRYPTO_SONAME, ssl_names, ssl_slots,
                                sizeof ssl_names / sizeof ssl_names[0], 0, ""};
#define EVP_MD_CTX_new ssl.EVP_MD_CTX_new
#define EVP_MD_CTX_free ssl.EVP_MD_CTX_free
#define EVP_DigestInit_ex ssl.EVP_DigestInit_ex
#define EVP_DigestUpdate ssl.EVP_DigestUpdate
#define EVP_DigestFinal_ex ssl.EVP_DigestFinal_ex
#define EVP_sha256 ssl.EVP_sha256

int db_errf(char *err, size_t errlen, int rc, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
        for (char *p = err; *p; p++)   /* one line, always */
            if (*p == '\n' || *p == '\r')
                *p = ' ';
    }
    return rc;
}

void db_now(char *out, size_t outlen)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void db_today(char *out, size_t outlen)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%d", &tm);
}

const char *db_as_user(const struct actor *a)
{
    return a->as_user[0] && strcmp(a->as_user, a->login) != 0 ? a->as_user : NULL;
}

void db_bind_stamp(struct db_stmt *s, const struct actor *a, const char *at)
{
    db_bind_text(s, ":at", at);
    db_bind_text(s, ":actor", a->login);
    db_bind_text(s, ":as", db_as_user(a));
}

void db_uuid(char out[37])
{
    uuid_t u;
    uuid_generate(u);
    uuid_unparse_lower(u, out);
}

void db_uuids(char (*out)[37], size_t n)
{
    unsigned char rnd[16 * 64];
    while (n > 0) {
        size_t k = n < 64 ? n : 64, got = 0;
        while (got < 16 * k) {
            ssize_t r = getrandom(rnd + got, 16 * k - got, 0);
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        for (size_t i = 0; i < k; i++) {
            if (got < 16 * k) {            /* no getrandom: libuuid on its own */
                db_uuid(out[i]);
                continue;
            }
            unsigned char *u = rnd + 16 * i;
            u[6] = (unsigned char)((u[6] & 0x0F) | 0x40);   /* version 4 */
            u[8] = (unsigned char)((u[8] & 0x3F) | 0x80);   /* RFC 4122 variant */
            uuid_unparse_lower(u, out[i]);
        }
        out += k;
        n -= k;
    }
}

/* Up to 12 waits of 2, 4, … 250 ms with jitter (about 2.5 s in all, on
 * top of each attempt's own 5 s busy_timeout). */
int db_backoff(int attempt)
{
    if (attempt >= 12)
        return 0;
    long ms = attempt < 7 ? 2L << attempt : 250;
    ms += (long)((getpid() * 7 + attempt * 13) % 11);
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

/* ---- growable strings ---------------------------------------------------- */

void db_buf_add(struct db_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

void db_buf_str(struct db_buf *b, const char *s)
{
    if (s)
        db_buf_add(b, s, strlen(s));
}

void db_buf_fmt(struct db_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        b->oom = 1;
    else
        db_buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void db_buf_fini(struct db_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* ---- separator lists ----------------------------------------------------- */

int db_split(const char *s, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!s || !*s)
        return 0;
    size_t cnt = 1;
    for (const char *p = s; *p; p++)
        cnt += *p == DB_SEP[0];
    char **v = calloc(cnt, sizeof *v);
    if (!v)
        return -1;
    size_t i = 0;
    for (const char *p = s;; i++) {
        const char *e = strchr(p, DB_SEP[0]);
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!(v[i] = strndup(p, len))) {
            mem_strv_free(v, i);
            return -1;
        }
        if (!e)
            break;
        p = e + 1;
    }
    *out = v;
    *n = cnt;
    return 0;
}

/* ---- SHA-256 ------------------------------------------------------------- */

int db_hash_init(struct db_hash *h)
{
    char why[300];
    h->failed = 0;
    h->ctx = NULL;
    if (dynlib_load(&ssl_lib, "cannot compute SHA-256", why, sizeof why) != 0)
        return -1;   /* db_hash_fail says why */
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
        db_hash_abort(h);
        return -1;
    }
    return 0;
}

static void field(struct db_hash *h, char tag, const char *s, size_t n)
{
    unsigned char head[9];
    head[0] = (unsigned char)tag;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (unsigned char)((uint64_t)n >> (56 - 8 * i));
    if (!h->ctx || EVP_DigestUpdate(h->ctx, head, sizeof head) != 1 ||
        (n && EVP_DigestUpdate(h->ctx, s, n) != 1))
        h->failed = 1;
}

void db_hash_str(struct db_hash *h, const char *s)
{
    if (s)
        field(h, 's', s, strlen(s));
    else
        field(h, 'n', "", 0);
}

void db_hash_int(struct db_hash *h, long long v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", v);
    field(h, 'i', tmp, (size_t)n);
}

void db_hash_bytes(struct db_hash *h, const void *p, size_t n)
{
    if (!h->ctx || (n && EVP_DigestUpdate(h->ctx, p, n) != 1))
        h->failed = 1;
}

int db_hash_hex(struct db_hash *h, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    int ok = h->ctx && !h->failed && EVP_DigestFinal_ex(h->ctx, md, &len) == 1 && len == 32;
    db_hash_abort(h);
    if (!ok) {
        out[0] = 0;
        return -1;
    }
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    return 0;
}

int db_hash_fail(char *err, size_t errlen)
{
    if (dynlib_load(&ssl_lib, "cannot compute SHA-256", err, errlen) == 0)
        snprintf(err, errlen, "cannot compute SHA-256 (libcrypto failed)");
    return FU_ERR;
}

void db_hash_abort(struct db_hash *h)
{
    if (h->ctx)
        EVP_MD_CTX_free(h->ctx);
    h->ctx = NULL;
}

int db_step_ids(struct db_stmt *s, struct db_ids *out, char *err, size_t errlen)
{
    int rc;
    while ((rc = db_step(s, err, errlen)) == SQLITE_ROW) {
        if (mem_grow((void **)&out->v, out->n, &out->cap, sizeof *out->v) != 0)
            return db_errf(err, errlen, FU_ERR, "out of memory");
        out->v[out->n++] = db_col_int(s, 0);
    }
    return rc == SQLITE_DONE ? FU_OK : rc;
}
