// The C test passed (exact stdout, each case in a fresh process); the JVM's fatal start message must not appear.
def report = new File(basedir, 'target/jembed-reports/TEST-first_call_stacks.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "first_call_stacks stderr:\n${err}"
assert !err.contains('Error occurred during initialization of VM')
assert !err.contains('StackOverflowError')
return true
