/* Minimal JSON writing helpers shared by parse --json, list --format json
 * and the reports. */
#ifndef FU_JSON_H
#define FU_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal (with quotes), escaping ", \, control
 * characters (C0, DEL, C1), every invisible or bidi-control code point
 * (text_cp_hidden: zero-width spaces and joiners, U+FEFF, U+2028/2029,
 * U+202A-202E, U+2066-2069 …) and invalid UTF-8 (as U+FFFD); NULL as null. */
void json_str(FILE *out, const char *s);

#endif
