/* The department lexicon compiled from data/departments.txt at build
 * time (scripts/lexicon.sh): standard names of government bodies without
 * a place or level before them. Static data; the parser indexes it. */
#ifndef FU_LEXICON_H
#define FU_LEXICON_H

#include <stddef.h>

extern const char *const lexicon_names[];
extern const size_t lexicon_count;

#endif
