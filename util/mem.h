/* Growing arrays and arrays of strings: helpers for the parser, storage,
 * the model and the interface. */
#ifndef FU_MEM_H
#define FU_MEM_H

#include <stddef.h>

/* Makes room for element n of an array of elements of size bytes at *v
 * with room for *cap, doubling it when full. Returns 0, or -1 when out of
 * memory or the size would overflow (then *v and *cap are unchanged). */
int mem_grow(void **v, size_t n, size_t *cap, size_t size);

/* Frees the n strings of v and v itself (NULL v: nothing). */
void mem_strv_free(char **v, size_t n);

#endif
