def report = new File(basedir, 'target/surefire-reports/TEST-org.example.HostJvmTest.xml')
assert report.isFile() : 'the host JVM test did not run'
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 1
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0
def log = new File(basedir, 'build.log').text
assert !log.contains('start failed') : 'the library must join the running JVM, not fail to create one'
return true
