def report = new File(basedir, 'target/jembed-reports/TEST-handles.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
def err = test.testcase.'system-err'.text()
println "stderr of the C test:\n${err}"
assert test.@failures.text() == '0'
assert test.testcase.'system-out'.text().startsWith('all passed: ')
assert err =~ /java.lang.IllegalArgumentException: handle 0x6a[0-9a-f]+ was released; it cannot be used any more/
assert err =~ /java.lang.IllegalArgumentException: pointer 0x[0-9a-f]+ is not a jembed handle of this library \(a foreign pointer\)/
assert err.contains('jembed: hnd: counter_add threw a Java exception; returning -1')
// counter_add(NULL) gets null from Handles.get: a NullPointerException, reported the same way
assert err.count('threw a Java exception') == 4
return true
