def report = new File(basedir, 'target/jembed-reports/TEST-explicit_shutdown.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "explicit_shutdown stderr:\n${err}"
assert err.contains('jembed: stoppable: value: the library was shut down; returning 0')
return true
