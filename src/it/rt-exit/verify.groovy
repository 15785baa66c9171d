// The C test passed (exact stdout, each case in a fresh process); the slow hook was named in one line. Then a JFR
// recording asked for through EXITING_JVM_OPTIONS is complete after a plain exit: `jfr summary` reads it.
evaluate(new File(itCommon))

def report = new File(basedir, 'target/jembed-reports/TEST-exit_cases.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "exit_cases stderr:\n${err}"
def slow = err.readLines().findAll { it.contains('did not finish') }
assert slow == ["jembed: exiting: at exit, the shutdown hook thread 'slow-hook' did not finish within 2 s (<exitTimeout>);"
        + ' going on without it'] : "expected one line naming the slow hook, got ${slow}"

File exe = new File(basedir, 'target/jembed-tests/exit_cases')
File dir = java.nio.file.Files.createTempDirectory('rt-exit-jfr').toFile()
File recording = new File(dir, 'exit.jfr')
def (code, out, jfrErr) = timedRun(dir, [exe.path, 'jfr'], [EXIT_DIR: dir.path,
        EXITING_JVM_OPTIONS: "-XX:StartFlightRecording:filename=${recording}".toString()], 60)
println "exit_cases jfr -> exit ${code}\nstdout:\n${out}stderr:\n${jfrErr}"
assert code == 0 : "exit status ${code}"
assert recording.isFile() && recording.length() > 0 : "no recording at ${recording}"
def jfr = new File(System.getProperty('java.home'), 'bin/jfr')
def (sumCode, summary, sumErr) = timedRun(dir, [jfr.path, 'summary', recording.path], [:], 60)
println "jfr summary -> exit ${sumCode}\n${summary.readLines().take(12).join('\n')}\n${sumErr}"
assert sumCode == 0 && summary.contains('jdk.') : "jfr summary cannot read the recording:\n${sumErr}"
dir.deleteDir()
return true
