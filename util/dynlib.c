/* Shared libraries opened on first use (contract in util/dynlib.h). */
#include "util/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

int dynlib_load(struct dynlib *l, const char *what, char *err, size_t errlen)
{
    if (l->state == 0) {
        const char *file = l->soname;
        void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
        l->state = h ? 1 : -1;
        if (!h) {
            const char *e = dlerror();
            snprintf(l->why, sizeof l->why, "%s", e ? e : file);
        }
        for (size_t i = 0; h && i < l->n; i++) {
            dlerror();
            *l->slots[i] = dlsym(h, l->symbols[i]);
            if (!*l->slots[i]) {
                snprintf(l->why, sizeof l->why, "%s has no %s", file, l->symbols[i]);
                l->state = -1;
                break;
            }
        }
        /* a library that lacks a function stays open (unused): its
         * constructors may have run, so closing it is not safe either */
    }
    if (l->state > 0)
        return 0;
    snprintf(err, errlen, "%s: the library %s cannot be loaded (%s); install %s "
             "(scripts/deps.sh does)", what, l->name, l->why, l->package);
    return -1;
}
