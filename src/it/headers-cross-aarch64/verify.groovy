/*
 * headers-cross-aarch64: the header stage asked aarch64-linux-gnu-gcc, not the build machine's gcc. The model it built
 * shows in what was generated: record_t laid out as AArch64 does (the glue asserts it, and compiled with -Werror),
 * LIMIT a Java long, the char error value 200 accepted (plain char is unsigned on AArch64; on x86-64 the build fails).
 * Another platform's files are in a folder of their own, target/linux-aarch_64/; the Java views stay single.
 */
def glue = new File(basedir, 'target/linux-aarch_64/generated-sources/jembed/c/cross_glue.c').text
assert glue.contains('_Static_assert(sizeof(record_t) == 16,') : 'record_t is not 16 bytes in the glue'
assert glue.contains('_Static_assert(offsetof(record_t, value) == 8,') : 'record_t.value is not at offset 8 in the glue'
assert glue.contains('((char)200ULL)') : 'the error value of grade() is not 200'

def constants = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/cross_h.java').text
assert constants.contains('public static final long LIMIT = 1000000L;') : constants

File so = new File(basedir, 'target/linux-aarch_64/libcross.so')
assert so.isFile() : "${so} was not built"
def file = ['file', '-b', so.path].execute()
String type = file.text
file.waitFor()
println "headers-cross-aarch64: ${so.name}: ${type.trim()}"
assert type.contains('ARM aarch64') : type

def log = new File(basedir, 'build.log').text
assert log.contains('aarch64-linux-gnu-gcc') : 'the build did not use the cross compiler'
return true
