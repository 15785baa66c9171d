def report = new File(basedir, 'target/jembed-reports/TEST-environment.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "environment stderr:\n${err}"
assert err.contains('JAVA_TOOL_OPTIONS is set ("-Dsigenv.tool=yes") and this library was built with <strictEnvironment>')
assert err.contains('_JAVA_OPTIONS is set ("-Dsigenv.underscore=yes") and this library was built with <strictEnvironment>')
assert err.count('start failed;') == 2
return true
