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
evaluate(new File(itCommon))
def run = { List cmd, Map env = [:] -> timedRun(dir, cmd, env, 60) }
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
