/* libxml2, opened when a reader or the .docx writer first needs it
 * (util/dynlib.h): with ICU and libstdc++ behind it, it is most of the
 * libraries a command would otherwise map at every start. Include this
 * header instead of libxml2's own (it includes them first): the names
 * below then call through the table, and lib_xml_load must have
 * succeeded before any of them is called. */
#ifndef FU_LIB_XML_H
#define FU_LIB_XML_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlwriter.h>

#define LIB_XML_FUNCS(X)                                                                 \
    X(htmlReadMemory) X(xmlReadMemory) X(xmlDocGetRootElement) X(xmlNodeGetContent)      \
    X(xmlFreeDoc) X(xmlBufferCreate) X(xmlBufferContent) X(xmlBufferLength)               \
    X(xmlBufferFree) X(xmlNewTextWriterMemory) X(xmlFreeTextWriter)                      \
    X(xmlTextWriterStartDocument) X(xmlTextWriterEndDocument)                            \
    X(xmlTextWriterStartElement) X(xmlTextWriterEndElement)                              \
    X(xmlTextWriterWriteAttribute) X(xmlTextWriterWriteString)
#define LIB_XML_FIELD(f) __typeof__(&f) f;
struct lib_xml {
    LIB_XML_FUNCS(LIB_XML_FIELD)
    xmlFreeFunc *free_fn;          /* the variable xmlFree */
};
extern struct lib_xml lib_xml;

/* Loads libxml2 once: 0, or -1 with one line in err beginning with what
 * ("cannot read .docx files"). */
int lib_xml_load(const char *what, char *err, size_t errlen);

#ifndef LIB_XML_TABLE   /* the loader itself names the fields */
#define htmlReadMemory lib_xml.htmlReadMemory
#define xmlReadMemory lib_xml.xmlReadMemory
#define xmlDocGetRootElement lib_xml.xmlDocGetRootElement
#define xmlNodeGetContent lib_xml.xmlNodeGetContent
#define xmlFreeDoc lib_xml.xmlFreeDoc
#define xmlBufferCreate lib_xml.xmlBufferCreate
#define xmlBufferContent lib_xml.xmlBufferContent
#define xmlBufferLength lib_xml.xmlBufferLength
#define xmlBufferFree lib_xml.xmlBufferFree
#define xmlNewTextWriterMemory lib_xml.xmlNewTextWriterMemory
#define xmlFreeTextWriter lib_xml.xmlFreeTextWriter
#define xmlTextWriterStartDocument lib_xml.xmlTextWriterStartDocument
#define xmlTextWriterEndDocument lib_xml.xmlTextWriterEndDocument
#define xmlTextWriterStartElement lib_xml.xmlTextWriterStartElement
#define xmlTextWriterEndElement lib_xml.xmlTextWriterEndElement
#define xmlTextWriterWriteAttribute lib_xml.xmlTextWriterWriteAttribute
#define xmlTextWriterWriteString lib_xml.xmlTextWriterWriteString
#undef xmlFree
#define xmlFree (*lib_xml.free_fn)

#endif
#endif
