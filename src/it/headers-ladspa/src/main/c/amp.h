#ifndef AMP_H
#define AMP_H
#include <ladspa.h>

#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

/* The LADSPA entry point: a host dlopens the library and asks for descriptor 0, 1, ... until NULL. */
JEMBED_EXPORT const LADSPA_Descriptor *ladspa_descriptor(unsigned long Index);

#endif
