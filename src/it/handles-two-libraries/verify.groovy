// Build host.c against both libraries and run it three times (three JVMs): the same ids, the same refusals.
def dir = java.nio.file.Files.createTempDirectory('handles-two-libraries').toFile()
['hand-a/target/libhand_a.so', 'hand-b/target/libhand_b.so'].each { lib ->
    def src = new File(basedir, lib)
    assert src.isFile() : "${lib} was not built"
    java.nio.file.Files.copy(src.toPath(), new File(dir, src.name).toPath())
}
def run = { List cmd ->
    def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir)
    pb.environment().remove('LD_LIBRARY_PATH')
    def p = pb.start()
    def out = new StringBuilder(), err = new StringBuilder()
    p.consumeProcessOutput(out, err)
    assert p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) : "${cmd} timed out"
    p.waitForProcessOutput()
    [p.exitValue(), out.toString(), err.toString()]
}
def (cc, ccOut, ccErr) = run(['gcc', '-Wall', '-Wextra', '-Werror', "-I${basedir}/hand-a/src/main/c", "-I${basedir}/hand-b/src/main/c",
        "${basedir}/host.c".toString(), '-o', 'host', "-L${dir}", '-lhand_a', '-lhand_b', '-Wl,-rpath,$ORIGIN'])
assert cc == 0 : "gcc failed:\n${ccErr}"
3.times { i ->
    def (code, out, err) = run(["${dir}/host".toString()])
    println "run ${i + 1}: host stdout:\n${out}\nhost stderr:\n${err}"
    assert code == 0
    assert out == '''A's table id: 1, B's table id: 2
own handles: A 10, B 20
B given A's handle: -1
A given B's handle: -1
B releasing A's handle: -1
after the swaps: A 10, B 20
swapped handles refused: 40 of 40; own handles intact: 40 of 40
released: A 10, B 20
'''
    def another = ~/java.lang.IllegalArgumentException: pointer 0x6a0([12])[0-9a-f]{12} is not a jembed handle of this library \(it is another library's handle\)/
    def tables = err.readLines().findAll { it =~ another }.collect { (it =~ another)[0][1] }
    // 3 single swaps + 40 in the loop; B refuses A's handles (table 1) 22 times, A refuses B's (table 2) 21 times
    assert tables.size() == 43 : "expected 43 refusals naming another library's handle, got ${tables.size()}"
    assert tables.count { it == '1' } == 22 && tables.count { it == '2' } == 21
    assert err.contains('jembed: hand_b: b_get threw a Java exception; returning -1')
    assert err.contains('jembed: hand_a: a_get threw a Java exception; returning -1')
    assert err.contains('jembed: hand_b: b_free threw a Java exception; returning -1')
}
dir.deleteDir()
return true
