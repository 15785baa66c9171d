def EXPECTED = '''a_ping() = 1
race_a_shutdown() = 0
b_ping() on thread T = 1
b_ping() again = 1
a_ping() after the shutdown = 0
'''
def EXPECTED_DURING_HOOKS = '''a_ping() = 1, a_slow_shutdown_hook() = 1
b_ping() while the JVM is destroyed = 0, within 1 s: yes
race_a_shutdown() = 0
'''
// Build the host program(s) against both libraries and run each (with a time limit) from a folder holding only the
// programs and the two libraries, several times, each run in a fresh process.
def dir = java.nio.file.Files.createTempDirectory('rt-shutdown-race').toFile()
['race_a/target/librace_a.so', 'race_b/target/librace_b.so'].each { lib ->
    def src = new File(basedir, lib)
    assert src.isFile() : "${lib} was not built"
    java.nio.file.Files.copy(src.toPath(), new File(dir, src.name).toPath())
}
evaluate(new File(itCommon))
def run = { List cmd, Map env = [:] -> timedRun(dir, cmd, env, 60) }
def failures = []
[host: EXPECTED, host_during_hooks: EXPECTED_DURING_HOOKS].each { host, expected ->
    def (cc, ccOut, ccErr) = run(['gcc', '-Wall', '-Wextra', '-Werror', "-I${basedir}/race_a/src/main/c", "-I${basedir}/race_b/src/main/c",
            "${basedir}/${host}.c".toString(), '-o', host, "-L${dir}", '-lrace_a', '-lrace_b', '-lpthread', '-Wl,-rpath,$ORIGIN'])
    assert cc == 0 : "gcc failed:\n${ccErr}"
    for (int i = 1; i <= 3; i++) {
        def (code, out, err) = run(["${dir}/${host}".toString()], [:])
        println "${host} run ${i}: exit status ${code}\nstdout:\n${out}stderr:\n${err}"
        if (code != 0 || out != expected) {
            failures << "${host} run ${i}: exit status ${code}, stdout:\n${out}"
        }
    }
}
dir.deleteDir()
assert failures.isEmpty() : "${failures.size()} of 6 runs failed:\n" + failures.join('\n')
return true
