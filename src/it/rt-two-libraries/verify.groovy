// Build host.c against both libraries and run it from a folder holding only the program and the two libraries.
def dir = java.nio.file.Files.createTempDirectory('two-libraries').toFile()
['two-a/target/libtwo_a.so', 'two-b/target/libtwo_b.so'].each { lib ->
    def src = new File(basedir, lib)
    assert src.isFile() : "${lib} was not built"
    java.nio.file.Files.copy(src.toPath(), new File(dir, src.name).toPath())
}
evaluate(new File(itCommon))
def run = { List cmd -> timedRun(dir, cmd, [:], 120) }
def (cc, ccOut, ccErr) = run(['gcc', '-Wall', '-Wextra', '-Werror', "-I${basedir}/two-a/src/main/c", "-I${basedir}/two-b/src/main/c",
        "${basedir}/host.c".toString(), '-o', 'host', "-L${dir}", '-ltwo_a', '-ltwo_b', '-lpthread', '-Wl,-rpath,$ORIGIN'])
assert cc == 0 : "gcc failed:\n${ccErr}"
def (code, out, err) = run(["${dir}/host".toString()])
println "host stdout:\n${out}\nhost stderr:\n${err}"
assert code == 0
// main returned: the library that created the JVM (either) ran both libraries' hooks, each once; they wrote to the
// descriptor during exit(), before C's stdio flushed its buffer, so they come first when stdout is a pipe
def hooks = ["A's shutdown hook ran", "B's shutdown hook ran"]
def lines = out.readLines()
assert lines.findAll { it in hooks }.sort() == hooks : out
assert lines.findAll { !(it in hooks) }.join('\n') + '\n' == '''B's first call: 7, done before A's init finished: yes
A's first call saw its init finished: yes
a call to A during A's init waited for it: yes
one JVM: yes
separate class loaders: yes
separate statics: A 1, B 1
'''
dir.deleteDir()
return true
