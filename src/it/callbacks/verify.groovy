def report = new File(basedir, 'target/jembed-reports/TEST-callbacks.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
println "stderr of the C test:\n${test.testcase.'system-err'.text()}"
assert test.@failures.text() == '0'
assert test.testcase.'system-out'.text().startsWith('all passed: ')
def invoker = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/binary_op_t.java').text
assert invoker.contains('public static int invoke(MemorySegment fn, int a, int b, MemorySegment user_data)')
return true
