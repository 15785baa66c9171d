def report = new File(basedir, 'target/jembed-reports/TEST-error_values.xml')
assert report.isFile() : "no C test report at ${report}"
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "stderr of the C test:\n${err}"
assert err.contains('jembed: thrower: divide threw a Java exception; returning 0')
assert err.contains('java.lang.ArithmeticException: / by zero')
assert err.contains('org.example.Thrower.divide(Thrower.java:9)')
assert err.contains('jembed: thrower: echo threw a Java exception; returning NULL')
assert err.contains('java.lang.IllegalArgumentException: echo needs a pointer')
assert err.count('threw a Java exception') == 2
return true
