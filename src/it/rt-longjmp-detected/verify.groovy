// the report is on the child's stderr; the child itself may crash after it (a corrupt JVM), which is not asserted
def report = new File(basedir, 'target/jembed-reports/TEST-longjmp_detected.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
def out = test.testcase.'system-out'.text()
def err = test.testcase.'system-err'.text()
println "stdout:\n${out}\nstderr:\n${err.take(2000)}"
assert out.contains('first: jumpy_call(0) = 1')
assert out.contains('the host caught the jump')
def lines = err.readLines().findAll { it.contains('a call into Java did not return') }
assert lines.size() == 1 : "reports: ${lines}"
assert lines[0].startsWith('jembed: jumpy: ') && lines[0].contains('<protectedFunctions>')
return true
