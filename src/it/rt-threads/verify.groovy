// The C tests passed (exit 0 and exact stdout); show the thread and memory figures the leak test measured.
def report = new File(basedir, 'target/jembed-reports/TEST-thread_local_state.xml')
println new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
return true
