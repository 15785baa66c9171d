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
// Process.waitFor returns when the process ends, possibly before the threads copying its output have copied
// the last of it: a finished run also joins them.
def finished = { Process proc, List pumps, long seconds ->
    boolean done = proc.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)
    if (done) pumps*.join(10000)
    done
}
def run = { List cmd, Map env = [:] ->
    def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir)
    pb.environment().remove('LD_LIBRARY_PATH')
    pb.environment().putAll(env)
    def p = pb.start()
    def out = new StringBuilder(), err = new StringBuilder()
    def pumps = [p.consumeProcessOutputStream(out), p.consumeProcessErrorStream(err)]
    if (!finished(p, pumps, 60)) {
        p.destroyForcibly()
        p.waitFor()
        Thread.sleep(200)
        return [-1, out.toString(), err.toString() + '\n(timed out after 60 s, killed)']
    }
    Thread.sleep(200)
    [p.exitValue(), out.toString(), err.toString()]
}
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
