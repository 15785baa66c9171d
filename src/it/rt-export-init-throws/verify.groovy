// One failed start with the initializer's exception; the calls after it are refused in one line each, without traces.
def report = new File(basedir, 'target/jembed-reports/TEST-static_init_throws.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "static_init_throws stderr:\n${err}"
assert err.count('jembed: clinit_throws: start failed;') == 1
assert err.count('ClinitThrows: no configuration') == 1
assert !err.contains('NoClassDefFoundError')
assert err.count('jembed: clinit_throws: twice: not started (start failed earlier); returning 0') == 3
return true
