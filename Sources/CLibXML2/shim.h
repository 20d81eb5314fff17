#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

/* libxml2 is built with ICU, and its encoding header then pulls in ICU's C headers, which
   clash with the copy Foundation carries. Nothing here touches ICU or the encoding handler's
   fields (only pointers to it), so the ICU part of the headers is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

/// Frees memory that libxml2 allocated. Swift 6 rejects `xmlFree` itself,
/// a global mutable function pointer, so the shim calls it on Swift's behalf.
static inline void clibxml2_free(void *pointer) {
    xmlFree(pointer);
}


#endif
