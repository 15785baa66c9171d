def report = new File(basedir, 'target/jembed-reports/TEST-error_values.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
def err = test.testcase.'system-err'.text()
println "stderr of the C test:\n${err}"
assert test.@failures.text() == '0'
// the configured error value is named in the message
assert err.contains('jembed: errs: f_i32 threw a Java exception; returning -1')
assert err.contains('jembed: errs: f_double threw a Java exception; returning NaN')
assert err.contains('jembed: errs: f_point threw a Java exception; returning a zeroed struct')
// handled failures print nothing
assert !err.contains('h_i32 threw') && !err.contains('h_string threw') && !err.contains('h_void threw')
// a handler that throws: both traces, then the error value
assert err.contains('jembed: the onError handler of h_throws threw too; both traces follow')
assert err.contains('jembed: errs: h_throws threw a Java exception; returning -7')
assert err.contains('java.lang.IllegalStateException: first failure')
assert err.contains('Suppressed: java.lang.UnsupportedOperationException: handler failure')
assert err.contains('org.example.Errs.throwsToo(Errs.java:')
return true
