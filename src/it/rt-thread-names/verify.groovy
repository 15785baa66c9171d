// The C test passed (exact stdout); show the names Java saw.
def report = new File(basedir, 'target/jembed-reports/TEST-attached_names.xml')
println new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
return true
