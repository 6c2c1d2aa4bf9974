/* JSON string literals (contract in util/json.h). */
#include "util/json.h"

#include <string.h>

#include "util/text.h"

void json_str(FILE *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t n, i = 0;

    if (!s) { fputs("null", out); return; }
    n = strlen(s);
    fputc('"', out);
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) {
            switch (c) {
            case '"': fputs("\\\"", out); break;
            case '\\': fputs("\\\\", out); break;
            case '\n': fputs("\\n", out); break;
            case '\r': fputs("\\r", out); break;
            case '\t': fputs("\\t", out); break;
            case '\b': fputs("\\b", out); break;
            case '\f': fputs("\\f", out); break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    fputs("\\u00", out);
                    fputc(hex[c >> 4], out);
                    fputc(hex[c & 0xF], out);
                } else {
                    fputc(c, out);
                }
            }
            i++;
            continue;
        }
        k = utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1) fputs("\\ufffd", out);
        else if ((cp >= 0x80 && cp < 0xA0) || text_cp_hidden(cp)) {
            /* C1 controls, invisible and bidi-control code points are valid
             * JSON, but a terminal showing the output would act on them or
             * hide them; above U+FFFF as a surrogate pair. */
            if (cp > 0xFFFF)
                fprintf(out, "\\u%04x\\u%04x", (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
                        (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
            else
                fprintf(out, "\\u%04x", (unsigned)cp);
        } else fwrite(s + i, 1, k, out);
        i += k;
    }
    fputc('"', out);
}
