/* Input encodings of report files: UTF-8 (with or without BOM) and
 * GB18030/GBK (through iconv), converted to UTF-8 with LF line ends. */
#ifndef FU_ENCODING_H
#define FU_ENCODING_H

#include <stddef.h>

enum enc_kind { ENC_AUTO = 0, ENC_UTF8, ENC_GB18030 };

/* Parses an --encoding value, case-insensitively: NULL, "" or "auto" is
 * ENC_AUTO; "utf-8"/"utf8" ENC_UTF8; "gb18030", "gbk", "gb2312" ENC_GB18030.
 * Returns 0, or -1 when name is none of these (*out untouched). */
int enc_parse_name(const char *name, enum enc_kind *out);

/* Static name of a kind: "auto", "utf-8", "gb18030". */
const char *enc_name(enum enc_kind k);

/* Converts len bytes of buf, given in encoding `kind` (ENC_AUTO: UTF-8 when
 * the bytes are valid UTF-8, else GB18030), into a NUL-terminated UTF-8
 * string without BOM whose line ends are LF (CRLF and lone CR rewritten).
 * On FU_OK *out is malloc'ed (the caller frees it), *outlen is its length
 * and *found (when not NULL) the encoding used. On FU_ERR (undecodable,
 * UTF-16, out of memory) err holds one line and *out is NULL. */
int enc_to_utf8(const char *buf, size_t len, enum enc_kind kind,
                char **out, size_t *outlen, enum enc_kind *found,
                char *err, size_t errlen);

/* Rewrites CRLF and lone CR as LF in place (s need not be NUL-terminated);
 * returns the new length and NUL-terminates when room allows (s[len]). */
size_t enc_normalize_newlines(char *s, size_t len);

#endif
