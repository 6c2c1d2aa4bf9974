/* UTF-8 text utilities: decoding, display width in terminal columns,
 * sanitising for the terminal, cutting and wrapping by columns.
 * Widths follow wcwidth() semantics but do not depend on the locale:
 * CJK and full-width forms are 2 columns, combining marks 0. */
#ifndef FU_TEXT_H
#define FU_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

/* Decodes one code point from s (at most n bytes) into *cp; returns the
 * bytes consumed (>= 1). Invalid or truncated sequences yield U+FFFD and
 * consume one byte. n must be > 0. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* 1 when the n bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);

/* Columns a code point takes: 0, 1 or 2; control characters -1. */
int text_cp_width(uint32_t cp);

/* 1 for a code point that shows as nothing or reorders the text around it
 * (zero-width spaces and joiners, U+2060, U+FEFF, soft hyphen, fillers,
 * variation selectors, tags, and every bidi control): what text_sanitize
 * shows as "<U+200B>", JSON escapes, and names may not hold. */
int text_cp_hidden(uint32_t cp);

/* Columns the UTF-8 string takes once sanitised (see text_sanitize). */
int text_width(const char *s);

/* Copies s into out (outlen bytes, always NUL-terminated) made safe for a
 * terminal: C0/C1 controls, DEL, ESC sequences, invisible and bidi-control
 * code points (text_cp_hidden), and invalid bytes become visible
 * placeholders (U+FFFD for invalid bytes, "^[" style for C0, "<U+009B>"
 * style for the rest, "<U+E0001>" above U+FFFF); tabs and newlines become
 * one space each. A placeholder is at most 4 bytes for each byte of s.
 * Returns the length written. Truncates at a character boundary. */
size_t text_sanitize(const char *s, char *out, size_t outlen);

/* 1 when needle occurs in hay, ignoring ASCII case (Chinese compares
 * exactly); a NULL hay contains nothing, an empty needle is everywhere. */
int text_contains_ci(const char *hay, const char *needle);

/* Sanitised copy of s on the heap (caller frees), or NULL when out of
 * memory. NULL s gives NULL. */
char *text_sanitize_dup(const char *s);

/* 1 when s is valid UTF-8 that text_sanitize() would leave unchanged (no
 * control characters, no invisible or bidi-control code points). When
 * plain is not NULL it is set to 1 when s also needs no JSON escape (no
 * quote or backslash). */
int text_is_clean(const char *s, int *plain);

/* Writes s sanitised to out (no control characters reach a terminal);
 * clean text (the usual case) is written as it is. */
void text_fputs(FILE *out, const char *s);

/* Sanitises s and cuts it to at most cols display columns, ending in "…"
 * when cut; pads with spaces to exactly cols when pad is non-zero.
 * Writes into out (outlen bytes); returns the columns used. Never splits
 * a double-width character: a half column left over becomes a space. */
int text_fit(const char *s, int cols, int pad, char *out, size_t outlen);

/* Byte length of the longest prefix of s that fits in cols columns
 * (s is taken as already sanitised). */
size_t text_prefix_for_cols(const char *s, int cols);

/* Wraps sanitised s into lines of at most cols columns, breaking anywhere
 * between CJK characters and at spaces for Latin text. Calls line(ctx,
 * start, len) for each line; returns the number of lines. */
int text_wrap(const char *s, int cols,
              void (*line)(void *ctx, const char *start, size_t len), void *ctx);

#endif
