/* Encoding detection and conversion (contract in util/encoding.h). */
#include "util/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"
#include "util/text.h"

int enc_parse_name(const char *name, enum enc_kind *out)
{
    if (!name || !*name || strcasecmp(name, "auto") == 0) { *out = ENC_AUTO; return 0; }
    if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0) {
        *out = ENC_UTF8;
        return 0;
    }
    if (strcasecmp(name, "gb18030") == 0 || strcasecmp(name, "gbk") == 0 ||
        strcasecmp(name, "gb2312") == 0) {
        *out = ENC_GB18030;
        return 0;
    }
    return -1;
}

const char *enc_name(enum enc_kind k)
{
    switch (k) {
    case ENC_UTF8: return "utf-8";
    case ENC_GB18030: return "gb18030";
    default: return "auto";
    }
}

size_t enc_normalize_newlines(char *s, size_t len)
{
    size_t i, o = 0;
    for (i = 0; i < len; i++) {
        if (s[i] == '\r') {
            s[o++] = '\n';
            if (i + 1 < len && s[i + 1] == '\n') i++;
        } else {
            s[o++] = s[i];
        }
    }
    if (o < len) s[o] = 0;
    return o;
}

/* Offset of the first byte that is not valid UTF-8, or n. */
static size_t utf8_bad_offset(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1) return i;
        i += k;
    }
    return n;
}

static int copy_utf8(const char *buf, size_t len, char **out, size_t *outlen,
                     char *err, size_t errlen)
{
    char *p;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) { buf += 3; len -= 3; }
    p = malloc(len + 1);
    if (!p) { snprintf(err, errlen, "out of memory reading the text"); return FU_ERR; }
    memcpy(p, buf, len);
    p[len] = 0;
    *outlen = enc_normalize_newlines(p, len);
    p[*outlen] = 0;
    *out = p;
    return FU_OK;
}

/* GB18030 to UTF-8 with iconv; -1 with errno-like position in *bad. */
static int gb_to_utf8(const char *buf, size_t len, char **out, size_t *outlen,
                      size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    size_t cap = len + len / 2 + 16, used = 0;
    char *res, *in = (char *)buf;
    size_t inleft = len;

    *bad = 0;
    if (cd == (iconv_t)-1) return -2;
    res = malloc(cap);
    if (!res) { iconv_close(cd); return -3; }
    while (inleft > 0) {
        char *o = res + used;
        size_t oleft = cap - used - 1;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        used = (size_t)(o - res);
        if (r != (size_t)-1) continue;
        if (errno == E2BIG) {
            char *bigger = cap > ((size_t)-1) / 2 ? NULL : realloc(res, cap * 2);
            if (!bigger) { free(res); iconv_close(cd); return -3; }
            res = bigger;
            cap *= 2;
            continue;
        }
        *bad = (size_t)(in - buf);
        free(res);
        iconv_close(cd);
        return -1;
    }
    iconv_close(cd);
    res[used] = 0;
    *out = res;
    *outlen = used;
    return 0;
}

static int convert_gb(const char *buf, size_t len, char **out, size_t *outlen,
                      int automatic, char *err, size_t errlen)
{
    size_t bad;
    int r = gb_to_utf8(buf, len, out, outlen, &bad);
    if (r == -2) {
        snprintf(err, errlen, "this system's iconv cannot convert GB18030; save the file as UTF-8");
        return FU_ERR;
    }
    if (r == -3) { snprintf(err, errlen, "out of memory converting the text"); return FU_ERR; }
    if (r == -1) {
        if (automatic)
            snprintf(err, errlen, "neither UTF-8 (invalid byte at offset %zu) nor GB18030 "
                     "(invalid at offset %zu); save the file as UTF-8",
                     utf8_bad_offset(buf, len), bad);
        else
            snprintf(err, errlen, "not valid GB18030 (offset %zu); try --encoding utf-8 "
                     "or save the file as UTF-8", bad);
        return FU_ERR;
    }
    if (*outlen >= 3 && memcmp(*out, "\xEF\xBB\xBF", 3) == 0) {
        memmove(*out, *out + 3, *outlen - 2);
        *outlen -= 3;
    }
    *outlen = enc_normalize_newlines(*out, *outlen);
    (*out)[*outlen] = 0;
    return FU_OK;
}

int enc_to_utf8(const char *buf, size_t len, enum enc_kind kind,
                char **out, size_t *outlen, enum enc_kind *found,
                char *err, size_t errlen)
{
    enum enc_kind k = kind;
    int rc;

    *out = NULL;
    *outlen = 0;
    if (len >= 2 && ((unsigned char)buf[0] == 0xFF || (unsigned char)buf[0] == 0xFE) &&
        ((unsigned char)buf[1] == 0xFF || (unsigned char)buf[1] == 0xFE) && buf[0] != buf[1]) {
        snprintf(err, errlen, "the text is UTF-16, which is not supported; save it as UTF-8");
        return FU_ERR;
    }
    if (k == ENC_AUTO) k = utf8_valid(buf, len) ? ENC_UTF8 : ENC_GB18030;
    if (k == ENC_UTF8) {
        size_t bad = utf8_bad_offset(buf, len);
        if (bad < len) {
            snprintf(err, errlen, "not valid UTF-8 (offset %zu); try --encoding gb18030 "
                     "or save the file as UTF-8", bad);
            return FU_ERR;
        }
        rc = copy_utf8(buf, len, out, outlen, err, errlen);
    } else {
        rc = convert_gb(buf, len, out, outlen, kind == ENC_AUTO, err, errlen);
    }
    if (rc == FU_OK && found) *found = k;
    return rc;
}
