/* Growing arrays: one helper for the parser, storage and the interface. */
#ifndef FU_MEM_H
#define FU_MEM_H

#include <stddef.h>

/* Makes room for element n of an array of elements of size bytes at *v
 * with room for *cap, doubling it when full. Returns 0, or -1 when out of
 * memory or the size would overflow (then *v and *cap are unchanged). */
int mem_grow(void **v, size_t n, size_t *cap, size_t size);

#endif
