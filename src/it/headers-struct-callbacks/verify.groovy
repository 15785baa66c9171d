def report = new File(basedir, 'target/jembed-reports/TEST-sc_test.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
def out = test.testcase.'system-out'.text()
def err = test.testcase.'system-err'.text()
println "stdout of the C test:\n${out}"
println "stderr of the C test:\n${err}"
assert test.@failures.text() == '0'
assert out.contains('all passed: ')
// each throwing lambda is reported once per call, with its pointer type; the process goes on
assert err.count("threw; C gets the error value") == 4 : err
assert err.contains("through a 'vec_op_t' pointer")
assert err.contains('the adder refuses 666')
assert err.contains('scale by zero')
assert err.contains('negative: -5')

def log = new File(basedir, 'build.log').text
assert !log.contains('no invoker is generated')
assert !log.contains('no downcall is generated')
def view = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/mixed_t.java').text
assert view.contains('public static final java.lang.foreign.StructLayout LAYOUT = ')
def tagged = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/tagged_t.java').text
['public int i()', 'public float f()', 'public short lo()', 'public tagged_t hi(short value)'].each {
    assert tagged.contains(it) : "tagged_t has no ${it}"
}
return true
