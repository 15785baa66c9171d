def report = new File(basedir, 'target/jembed-reports/TEST-swap.xml')
assert report.isFile() : "no C test report at ${report}"
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "stderr of the C test:\n${err}"
assert err =~ /(?m)^jembed: perf_swap: FFM dispatch: 4 upcall stubs published in [0-9.]+ ms \(jembed-perf_swap-dispatch\)$/
assert err.contains('jembed: perf_swap: divide threw a Java exception; returning -1')
assert err.contains('java.lang.ArithmeticException: / by zero')
assert err.count('threw a Java exception') == 1
assert !err.contains('WARNING')
return true
