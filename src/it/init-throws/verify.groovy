// The C test passed (exit 0, stdout as expected); now check what it printed on stderr.
def report = new File(basedir, 'target/jembed-reports/TEST-calls_after_failed_start.xml')
assert report.isFile() : "no C test report at ${report}"
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "stderr of the C test:\n${err}"
assert err.count('start failed;') == 1 : 'the start failure must be reported exactly once'
assert err.contains('java.lang.IllegalStateException: configuration file is missing') : 'the Java stack trace is missing'
assert err.contains('init code threw') : 'the diagnostic must say that init code failed'
assert err.contains('JDK recorded at build time: loaded') : 'the diagnostic must say where libjvm was found'
assert err.contains('JVM options: -Xrs') : 'the diagnostic must list the JVM options'
// Later calls get one short line each, and the messages stop after a few.
// The first call ran the failed start; the other seven are refused, five of them with a line.
assert err.count('not started (start failed earlier); returning 0') == 5
assert err.contains('further refused calls are not reported')
return true
