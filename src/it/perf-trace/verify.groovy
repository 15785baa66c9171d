def report = new File(basedir, 'target/jembed-reports/TEST-trace.xml')
assert report.isFile() : "no C test report at ${report}"
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "stderr of the C test:\n${err}"
// one line per phase, each prefixed with the library's name, in start order
def phases = ['libjvm loaded (dlopen)', 'JVM created (JNI_CreateJavaVM)', 'loader bootstrap (boot classes)',
              'frozen image opened', 'bridge class loaded and bound', 'init code', 'FFM upcall stubs built', 'start total']
int last = -1
phases.each { phase ->
    def m = err =~ /(?m)^jembed: perf_trace: ${java.util.regex.Pattern.quote(phase)} +[0-9]+\.[0-9]+ ms$/
    assert m.find() : "no trace line for '${phase}'"
    assert m.start() > last : "'${phase}' is out of order"
    last = m.start()
}
// the exception thrown through an FFM stub is reported like a JNI call's
assert err.contains('jembed: perf_trace: divide threw a Java exception; returning -1')
assert err.contains('java.lang.ArithmeticException: / by zero')
// native access without --enable-native-access: no restricted-method warning, and no option costing CDS
assert !err.contains('restricted method') : 'a restricted FFM method printed a warning'
assert !err.contains('WARNING')
return true
