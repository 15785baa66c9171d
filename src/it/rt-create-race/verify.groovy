def EXPECTED = '''b_ping() = 1
a_ping() = 1 (joined B's JVM) or 0 (its own creation failed): yes
'''
// Build the host program(s) against both libraries and run each (with a time limit) from a folder holding only the
// programs and the two libraries, several times, each run in a fresh process.
def dir = java.nio.file.Files.createTempDirectory('rt-create-race').toFile()
['cr_a/target/libcr_a.so', 'cr_b/target/libcr_b.so'].each { lib ->
    def src = new File(basedir, lib)
    assert src.isFile() : "${lib} was not built"
    java.nio.file.Files.copy(src.toPath(), new File(dir, src.name).toPath())
}
evaluate(new File(itCommon))
def run = { List cmd, Map env = [:] -> timedRun(dir, cmd, env, 30) }
def (cc, ccOut, ccErr) = run(['gcc', '-Wall', '-Wextra', '-Werror', "-I${basedir}/cr_a/src/main/c", "-I${basedir}/cr_b/src/main/c",
        "${basedir}/host.c".toString(), '-o', 'host', "-L${dir}", '-lcr_a', '-lcr_b', '-lpthread', '-Wl,-rpath,$ORIGIN'])
assert cc == 0 : "gcc failed:\n${ccErr}"
def failures = []
for (int i = 1; i <= 16; i++) {
    def (code, out, err) = run(["${dir}/host".toString()], [CR_A_JVM_OPTIONS: '-Xbogus', CR_B_DELAY_US: String.valueOf((i % 8) * 250)])
    println "run ${i}: exit status ${code}\nstdout:\n${out}stderr:\n${err}"
    if (code != 0 || out != EXPECTED) {
        failures << "run ${i}: exit status ${code}, stdout:\n${out}"
    }
}
dir.deleteDir()
assert failures.isEmpty() : "${failures.size()} of 16 runs failed:\n" + failures.join('\n')
return true
