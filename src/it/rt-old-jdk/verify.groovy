// One failed start that names the JDK found, its version and what is needed; no raw class-version error.
def report = new File(basedir, 'target/jembed-reports/TEST-jdk17.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "jdk17 stderr:\n${err}"
assert err.count('jembed: old_jdk: start failed;') == 1
assert err.contains('/usr/lib/jvm/java-17-openjdk-amd64')
assert err =~ /\b17(\.0\.\d+)?\b/ : 'names the version found'
assert err.contains('22 or newer')
assert !err.contains('UnsupportedClassVersionError')
return true
