/*
 * headers-cross-windows: the header stage asked x86_64-w64-mingw32-gcc and read its answers from a COFF object. The
 * model shows in what was generated: record_t laid out as LLP64 does (long 4 bytes; the glue asserts it, and compiled
 * with -Werror), LIMIT a Java int, total() an int function, wchar_t a Java char.
 */
def glue = new File(basedir, 'target/windows-x86_64/generated-sources/jembed/c/cross_glue.c').text
assert glue.contains('_Static_assert(sizeof(record_t) == 8,') : 'record_t is not 8 bytes in the glue'
assert glue.contains('_Static_assert(offsetof(record_t, value) == 4,') : 'record_t.value is not at offset 4 in the glue'

def constants = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/cross_h.java').text
assert constants.contains('public static final int LIMIT = 1000000;') : constants

File dll = new File(basedir, 'target/windows-x86_64/cross.dll')
assert dll.isFile() : "${dll} was not built"
def file = ['file', '-b', dll.path].execute()
String type = file.text
file.waitFor()
println "headers-cross-windows: ${dll.name}: ${type.trim()}"
assert type.contains('PE32+') && type.contains('DLL') : type

def log = new File(basedir, 'build.log').text
assert log.contains('x86_64-w64-mingw32-gcc') : 'the build did not use the cross compiler'
return true
