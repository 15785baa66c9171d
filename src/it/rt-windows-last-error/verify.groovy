// The C test the test goal built with mingw (not run there: no <testEmulator>) runs under wine (own WINEPREFIX, no
// JVM): SetLastError(1234) before the first call is still GetLastError() after it, and errno too; the same for a
// refused call; also when JAVA_HOME names a Java home whose jvm.dll cannot be loaded (LoadLibraryExW sets its error).
evaluate(new File(itCommon))

File exe = new File(basedir, 'target/windows-x86_64/jembed-tests/last_error.exe')
assert exe.isFile() : "the test goal did not build ${exe}"
File prefix = new File(basedir, 'wineprefix')
Map<String, String> env = cleanEnv() + [WINEPREFIX: prefix.absolutePath, WINEDEBUG: '-all']
env.remove('DISPLAY')
String expected = 'first call: 0, last error 1234, errno 56\nsecond call: 0, last error 4321, errno 65\n'

def (int exit, String out, String err) = runCommand(['wine', exe.path], exe.parentFile, env, 5)
println "wine last_error.exe -> exit ${exit}\n--- stdout\n${out}--- stderr\n${err}---"
assert exit == 0 && out.replace('\r\n', '\n') == expected : "exit ${exit}, stdout:\n${out}"
assert err.contains('jembed: lasterr: start failed') : "no failed-start diagnostic:\n${err}"

File fakeHome = new File(basedir, 'not-a-windows-jdk')
new File(fakeHome, 'bin/server').mkdirs()
new File(fakeHome, 'bin/server/jvm.dll').text = 'not a DLL'
def (int exit2, String out2, String err2) = runCommand(['wine', exe.path], exe.parentFile,
        env + [JAVA_HOME: 'Z:' + fakeHome.canonicalPath.replace('/', '\\')], 5)
println "JAVA_HOME=<a jvm.dll that is no DLL> wine last_error.exe -> exit ${exit2}\n--- stdout\n${out2}--- stderr\n${err2}---"
assert exit2 == 0 && out2.replace('\r\n', '\n') == expected : "exit ${exit2}, stdout:\n${out2}"
assert err2.contains('bin\\server\\jvm.dll') : err2
return true
