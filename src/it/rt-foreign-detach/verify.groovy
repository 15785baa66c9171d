// The C test passed: exact stdout, both cases exited normally in fresh processes.
def report = new File(basedir, 'target/jembed-reports/TEST-host_attach_detach.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "host_attach_detach stderr:\n${err}"
assert !err.contains('A fatal error has been detected')
return true
