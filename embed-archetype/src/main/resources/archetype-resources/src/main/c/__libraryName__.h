#set( $h = '#' )
#set( $guard = "${libraryName.toUpperCase()}_H" )
/*
 * ${libraryName}.h: the API that lib${libraryName}.so exports.
 *
 * Every function declared here with JEMBED_EXPORT is defined by the library
 * and dispatches to the Java method annotated with @Export of the same name.
 * C programs include this header and link with -l${libraryName}.
 */
${h}ifndef ${guard}
${h}define ${guard}

typedef struct { int x, y; } point_t;

/* jembed defines JEMBED_EXPORT when it builds the library; a C program that
   includes this header gets plain 'extern'. */
${h}ifndef JEMBED_EXPORT
${h} define JEMBED_EXPORT extern
${h}endif

JEMBED_EXPORT int do_stuff(point_t *p);

${h}endif /* ${guard} */
