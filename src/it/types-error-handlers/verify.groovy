// The C test passed (exact stdout). Every exception had a handler (its own, or the library's default in either form):
// none was printed, and no handler threw.
def report = new File(basedir, 'target/jembed-reports/TEST-handlers_and_errno.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "handlers_and_errno stderr:\n${err}"
assert !err.contains('FAILED')
assert !err.contains('threw a Java exception') : 'an exception reached the glue although every function has a handler'
assert !err.contains('threw too')
return true
