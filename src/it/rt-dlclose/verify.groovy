// Build host.c (not linked against the library: it dlopens it) and run it with a time limit.
def dir = java.nio.file.Files.createTempDirectory('rt-dlclose').toFile()
def lib = new File(basedir, 'target/libunloadable.so')
assert lib.isFile() : 'libunloadable.so was not built'
evaluate(new File(itCommon))
def run = { List cmd -> timedRun(dir, cmd, [:], 60) }
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
