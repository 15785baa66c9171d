// Build host.c (not linked against the library: it dlopens it) and run it with a time limit.
def dir = java.nio.file.Files.createTempDirectory('rt-dlclose').toFile()
def lib = new File(basedir, 'target/libunloadable.so')
assert lib.isFile() : 'libunloadable.so was not built'
// Process.waitFor returns when the process ends, possibly before the threads copying its output have copied
// the last of it: a finished run also joins them.
def finished = { Process proc, List pumps, long seconds ->
    boolean done = proc.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)
    if (done) pumps*.join(10000)
    done
}
def run = { List cmd ->
    def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir)
    def p = pb.start()
    def out = new StringBuilder(), err = new StringBuilder()
    def pumps = [p.consumeProcessOutputStream(out), p.consumeProcessErrorStream(err)]
    if (!finished(p, pumps, 60)) {
        p.destroyForcibly()
        p.waitFor()
        return [-1, out.toString(), err.toString() + '\n(timed out after 60 s)']
    }
    p.waitFor(); Thread.sleep(200)
    [p.exitValue(), out.toString(), err.toString()]
}
def (cc, ccOut, ccErr) = run(['gcc', '-Wall', '-Wextra', '-Werror', "${basedir}/host.c", '-o', 'host', '-ldl', '-lpthread'])
assert cc == 0 : "gcc failed:\n${ccErr}"
def (code, out, err) = run(["${dir}/host", lib.absolutePath])
println "host exit status: ${code}\nhost stdout:\n${out}\nhost stderr:\n${err}"
assert out == '''worker: twice(21) = 42
dlclose: 0
worker exited
after a second dlopen: twice(2) = 4
'''
assert code == 0
dir.deleteDir()
return true
