def target = new File(basedir, 'target')
def caches = target.listFiles().findAll { it.name ==~ /libperf_cache\.[0-9a-f]{16}\.aot/ }
assert caches.size() == 1 : "expected one start-up cache in ${target}, found ${target.list()}"
assert caches[0].length() > 1_000_000 : "${caches[0]} is only ${caches[0].length()} bytes"
def build = new File(basedir, 'build.log').text
assert build.contains("Wrote the start-up cache target/${caches[0].name}")
assert !build.contains('No start-up cache')

def report = new File(basedir, 'target/jembed-reports/TEST-cache.xml')
assert report.isFile() : "no C test report at ${report}"
def xml = new groovy.xml.XmlSlurper().parse(report)
def out = xml.testcase.'system-out'.text()
def err = xml.testcase.'system-err'.text()
println "stdout of the C test:\n${out}\nstderr:\n${err}"
assert out.contains('add(40, 2) = 42')
// the JVM mapped the cache (and did not fall back to running without one)
assert out =~ /Opened AOT cache .*libperf_cache\.[0-9a-f]{16}\.aot/ || out =~ /Using AOT-linked classes/
assert !(out + err).contains('[error]')
assert !(out + err).contains('Unable to map shared spaces')
return true
