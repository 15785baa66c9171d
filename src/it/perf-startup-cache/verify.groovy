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
// The consumer bundle carries the cache beside the library: a program built against a copy of target/dist in another
// folder starts the JVM on the copy's cache (the library finds it beside itself).
File dist = new File(basedir, 'target/dist')
File bundled = new File(dist, "lib/${caches[0].name}")
assert bundled.isFile() && bundled.length() == caches[0].length() : "the bundle lacks ${bundled.name}: ${new File(dist, 'lib').list()}"
File copy = new File(basedir, 'target/bundle-copy')
assert ['cp', '-a', dist.path, copy.path].execute().waitFor() == 0
File program = new File(copy, 'cache-test')
def cc = ['gcc', '-Wall', '-Wextra', '-Werror', "-I${copy}/include", new File(basedir, 'src/test/c/cache.c').path, '-o',
          program.path, "-L${copy}/lib", '-lperf_cache', "-Wl,-rpath,${copy}/lib"].collect { it.toString() }.execute()
def ccErr = new StringBuilder(); cc.waitForProcessOutput(new StringBuilder(), ccErr)
assert cc.exitValue() == 0 : ccErr
def env = System.getenv().findAll { k, v -> !(k in ['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS']) }
        .collect { k, v -> "${k}=${v}" }
def run = [program.path].execute(env, copy)
def runOut = new StringBuilder(), runErr = new StringBuilder()
run.waitForProcessOutput(runOut, runErr)
println "the bundle's copy:\n${runOut}"
assert run.exitValue() == 0 : "${runOut}\n${runErr}"
assert runOut.toString().contains("cache: ${copy.canonicalPath}/lib/${caches[0].name}") : runOut
assert runOut =~ /Opened AOT cache .*bundle-copy\/lib\/libperf_cache\.[0-9a-f]{16}\.aot/ || runOut =~ /Using AOT-linked classes/ :
        "the JVM did not use the bundled cache:\n${runOut}\n${runErr}"
return true
