def report = new File(basedir, 'target/jembed-reports/TEST-abi_test.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
println "stderr of the C test:\n${test.testcase.'system-err'.text()}"
assert test.@failures.text() == '0'
assert test.testcase.'system-out'.text().startsWith('all passed: ')

def log = new File(basedir, 'build.log').text
def lines = log.readLines()
// one warning for the macro that is no constant, one note for the inline helper, each printed once
def notConstant = lines.findAll { it.contains("macro 'NOT_A_CONSTANT' is not a constant") }
assert notConstant.size() == 1 : notConstant
assert notConstant[0].contains('src/main/c/abi.h:22:9: warning:')
def inline = lines.findAll { it.contains("static inline function 'twice' is left to C") }
assert inline.size() == 1 : inline
assert !log.contains('is ignored: jembed lays out')
assert !log.contains('NativeBuildException')

def constants = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/abi_h.java').text
assert constants.contains('public static final long ALL_ONES = -1L;')
assert constants.contains('public static final int MASK = -1;')
assert constants.contains('public static final String GREETING = "h\u00e9llo \\"abi\\"";')
assert constants.contains('public static final double HALF = 0.5;')
assert constants.contains('public static final long RECORD_BYTES = 10L;')
assert constants.contains('public static final int FLAG_ALL = -1;')
def glue = new File(basedir, 'target/generated-sources/jembed/c/abi_glue.c').text
assert glue.contains('int at_vol(volatile int *counter)')
// each definition carries its header line, so a compiler message about it points there; then the glue's own lines
def marker = glue.readLines().findIndexOf { it == '#line 33 "src/main/c/abi.h"' }
assert marker >= 0 : 'no #line marker for at_vol'
assert glue.readLines()[marker + 2] == "#line ${marker + 4} \"abi_glue.c\""

return true
