/* libxml2 opened on first use (contract in readers/lib_xml.h). */
#define LIB_XML_TABLE
#include "readers/lib_xml.h"

#include "util/dynlib.h"

#ifndef LIB_XML_SONAME   /* the file the build linked against (Makefile: SONAMES) */
#error "LIB_XML_SONAME is not defined: build with make"
#endif

struct lib_xml lib_xml;

#define LIB_XML_NAME(f) #f,
#define LIB_XML_SLOT(f) (void **)&lib_xml.f,
static const char *const names[] = {LIB_XML_FUNCS(LIB_XML_NAME) "xmlFree"};
static void **const slots[] = {LIB_XML_FUNCS(LIB_XML_SLOT) (void **)&lib_xml.free_fn};
static struct dynlib lib = {"libxml2", "libxml2", LIB_XML_SONAME, names, slots,
                            sizeof names / sizeof names[0], 0, ""};

int lib_xml_load(const char *what, char *err, size_t errlen)
{
    return dynlib_load(&lib, what, err, errlen);
}
