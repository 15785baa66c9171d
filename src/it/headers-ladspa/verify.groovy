def report = new File(basedir, 'target/jembed-reports/TEST-host.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
def stderr = test.testcase.'system-err'.text()
println "stderr of the C test:\n${stderr}"
assert test.@failures.text() == '0'
assert test.testcase.'system-out'.text().startsWith('all passed: ')
assert stderr.contains("a Java method called from C through a 'LADSPA_Descriptor.instantiate' pointer threw")
assert stderr.contains('IllegalArgumentException: a sample rate of 0 Hz')

// ladspa-sdk's own host reads the descriptor Java built
def lib = new File(basedir, 'target/libamp.so')
def proc = ['analyseplugin', lib.absolutePath].execute()
def out = new StringBuilder(), err = new StringBuilder()
proc.waitForProcessOutput(out, err)
println "analyseplugin:\n${out}\n${err}"
assert proc.exitValue() == 0
assert out.toString().contains('Plugin Name: "jembed amplifier (Java)"')
assert out.toString().contains('Plugin Label: "jembed_amp"')
assert out.toString().contains('"Gain" input, control, 0 to 10, default 1')
return true
