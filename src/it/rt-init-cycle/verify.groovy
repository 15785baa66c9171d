def EXPECTED = '''both first calls returned within 10 s: yes
each returned 1 or its error value 0: yes
'''
// Build the host program against both libraries and run it (with a time limit) from a folder holding only the
// program and the two libraries, twice, each run in a fresh process.
def dir = java.nio.file.Files.createTempDirectory('rt-init-cycle').toFile()
['cyc_a/target/libcyc_a.so', 'cyc_b/target/libcyc_b.so'].each { lib ->
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
def (cc, ccOut, ccErr) = run(['gcc', '-Wall', '-Wextra', '-Werror', "-I${basedir}/cyc_a/src/main/c", "-I${basedir}/cyc_b/src/main/c",
        "${basedir}/host.c".toString(), '-o', 'host', "-L${dir}", '-lcyc_a', '-lcyc_b', '-lpthread', '-Wl,-rpath,$ORIGIN'])
assert cc == 0 : "gcc failed:\n${ccErr}"
def failures = []
for (int i = 1; i <= 2; i++) {
    def (code, out, err) = run(["${dir}/host".toString()], [:])
    println "run ${i}: exit status ${code}\nstdout:\n${out}stderr:\n${err}"
    if (code != 0 || out != EXPECTED) {
        failures << "run ${i}: exit status ${code}, stdout:\n${out}"
    }
}
dir.deleteDir()
assert failures.isEmpty() : "${failures.size()} of 2 runs failed:\n" + failures.join('\n')
return true
