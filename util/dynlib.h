/* Shared libraries opened when a command first needs them instead of
 * linked into the program: a `list` or `status` then maps only what it
 * uses (SQLite, not libxml2 with ICU and libstdc++, libzip, libxlsxwriter
 * or libcrypto), which is most of its start-up. The functions are called
 * through a table of pointers that dynlib_load fills. */
#ifndef FU_DYNLIB_H
#define FU_DYNLIB_H

#include <stddef.h>

struct dynlib {
    const char *name;              /* for messages: "libxml2" */
    const char *package;           /* the Debian package that has it: "libxml2" */
    const char *soname;            /* the file, as the build found it ("libxml2.so.2") */
    const char *const *symbols;    /* n names ... */
    void **const *slots;           /* ... and where each one's address goes */
    size_t n;
    int state;                     /* 0 not tried, 1 loaded, -1 failed */
    char why[200];                 /* after a failure: what went wrong */
};

/* Opens l's library (its soname) the first time and
 * resolves every symbol into its slot; later calls give the first
 * outcome. 0, or -1 with one line in err: what (the caller's "cannot read
 * .docx files"), why the library did not load, which package to install.
 * Not thread-safe: the program loads its libraries from one thread. */
int dynlib_load(struct dynlib *l, const char *what, char *err, size_t errlen);

#endif
