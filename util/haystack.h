/* Many texts held in memory and searched for a word as SQL's
 * LIKE '%word%' finds it: ASCII letters without regard to case, every
 * other character as it is. The interface keeps its report's texts here
 * (tui/model.c), so that each key of a search, from the first character,
 * costs a scan of memory instead of a scan of the database (issue 23). */
#ifndef FU_HAYSTACK_H
#define FU_HAYSTACK_H

#include <stddef.h>
#include <stdint.h>

struct haystack {
    char *buf;             /* the records, ASCII lowercased: "field\nfield…\0" each */
    size_t len, cap;
    uint32_t *off;         /* record k is buf[off[k] .. off[k + 1]) */
    size_t n, capn;
    int bad;               /* out of memory, too large, or a text not valid UTF-8 */
};

/* h is the caller's: hay_init empties it, hay_fini frees what it holds. */
void hay_init(struct haystack *h);
void hay_fini(struct haystack *h);

/* Appends record h->n from nf fields (a NULL field is empty). 0, or -1
 * when out of memory, past 4 GiB or a field that is not valid UTF-8:
 * h->bad is then set and h must not be searched. */
int hay_add(struct haystack *h, const char *const *fields, size_t nf);

/* A word made ready for searching: folded as the records are. */
struct hay_word { char w[1024]; size_t m; };

/* Prepares word: 0, or -1 when it cannot be searched here with the answer
 * LIKE gives (empty, not valid UTF-8, a control character, too long). */
int hay_word_init(struct hay_word *w, const char *word);

/* The first record in [a, b) holding w, b when none. */
size_t hay_next(const struct haystack *h, const struct hay_word *w, size_t a, size_t b);

/* The last record in [a, b) holding w, b when none (read backwards a few
 * hundred records at a time, so a near match costs little). */
size_t hay_prev(const struct haystack *h, const struct hay_word *w, size_t a, size_t b);

/* 1 when record k holds w. */
int hay_has(const struct haystack *h, const struct hay_word *w, size_t k);

#endif
