// The C test passed (exact stdout: no call in a forked child hung, each returned its error value); each refused call
// in a child said why, in one line.
def report = new File(basedir, 'target/jembed-reports/TEST-fork_after_start.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "fork_after_start stderr:\n${err}"
assert err.count('fork') >= 3 : 'each refused call in a forked child mentions the fork'
return true
