def EXPECTED = '''a_ping() = 1 on 50 of 50 threads
ts_a_shutdown() = 0
the 50 threads showed up as Java threads: yes
more than 10 Java threads left behind after they exited: no
'''
// Build the host program(s) against both libraries and run each (with a time limit) from a folder holding only the
// programs and the two libraries, several times, each run in a fresh process.
def dir = java.nio.file.Files.createTempDirectory('rt-threads-after-shutdown').toFile()
['ts_a/target/libts_a.so', 'ts_b/target/libts_b.so'].each { lib ->
    def src = new File(basedir, lib)
    assert src.isFile() : "${lib} was not built"
    java.nio.file.Files.copy(src.toPath(), new File(dir, src.name).toPath())
}
evaluate(new File(itCommon))
def run = { List cmd, Map env = [:] -> timedRun(dir, cmd, env, 60) }
def (cc, ccOut, ccErr) = run(['gcc', '-Wall', '-Wextra', '-Werror', "-I${basedir}/ts_a/src/main/c", "-I${basedir}/ts_b/src/main/c",
        "${basedir}/host.c".toString(), '-o', 'host', "-L${dir}", '-lts_a', '-lts_b', '-lpthread', '-Wl,-rpath,$ORIGIN'])
assert cc == 0 : "gcc failed:\n${ccErr}"
def failures = []
for (int i = 1; i <= 1; i++) {
    def (code, out, err) = run(["${dir}/host".toString()], [:])
    println "run ${i}: exit status ${code}\nstdout:\n${out}stderr:\n${err}"
    if (code != 0 || out != EXPECTED) {
        failures << "run ${i}: exit status ${code}, stdout:\n${out}"
    }
}
dir.deleteDir()
assert failures.isEmpty() : "${failures.size()} of 1 runs failed:\n" + failures.join('\n')
return true
