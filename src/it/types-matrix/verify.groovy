def report = new File(basedir, 'target/jembed-reports/TEST-boundaries.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
def err = test.testcase.'system-err'.text()
println "stderr of the C test:\n${err}"
assert test.@failures.text() == '0'
assert test.testcase.'system-out'.text().startsWith('all passed: ')
assert !err.contains('threw a Java exception')
// the generated Java: constants class with #define and enum values, views with nested structs and arrays
def constants = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/matrix_h.java').text
assert constants.contains('public static final long MATRIX_BIG = 4886718345L;')
assert constants.contains('public static final int MATRIX_NEGATIVE = -42;')
assert constants.contains('public static final int GREEN = 5;')
return true
