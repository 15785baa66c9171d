def lib = new File(basedir, 'target/libjembed_sqlite.so')
assert lib.isFile()
def proc = ['sqlite3', ':memory:', ".load ${lib.absolutePath}", "SELECT java_upper('h\u00e9llo jembed');"].execute()
def out = new StringBuilder(), err = new StringBuilder()
proc.waitForProcessOutput(out, err)
println "sqlite3:\n${out}\n${err}"
assert proc.exitValue() == 0
assert out.toString().trim() == 'H\u00c9LLO JEMBED (from Java)'
def log = new File(basedir, 'build.log').text
assert !log.contains('comes from a system header')
return true
