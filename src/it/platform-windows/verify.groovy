/*
 * platform-windows: the archetype project cross-built with -Djembed.platform=windows-x86_64 (x86_64-w64-mingw32-gcc,
 * jembed's jni_md.h): my_plugin.dll and its import library libmy_plugin.dll.a; the DLL's export table
 * (x86_64-w64-mingw32-objdump -p) lists exactly the header's functions; the archetype's C test, built by the test
 * goal with mingw (linked through the import library), runs under wine (own WINEPREFIX, WINEDEBUG=-all) with no JVM:
 * failed-start diagnostic, error value 0, exit 0; the DLL and the bundle are attached with classifier
 * windows-x86_64, the bundle has bin/my_plugin.dll, lib/libmy_plugin.dll.a and CMake's IMPORTED_IMPLIB.
 * Needs gcc-mingw-w64-x86-64 and wine.
 */
evaluate(new File(itCommon))

final String LIB = 'my_plugin'
File project = new File(basedir, 'generated/my-plugin')
assert new File(project, 'pom.xml').isFile() : "archetype:generate did not create ${project}/pom.xml"

// 1. Cross build, installed into the Invoker's repository (to see the classifier Maven attaches).
File log = new File(basedir, 'cross-build.log')
int exit = mavenBuild(project, ['-Djembed.platform=windows-x86_64', 'install'], log)
assert exit == 0 : "the cross build failed (log: ${log})"
String text = log.getText('UTF-8')
assert text.contains('Cross-building for windows-x86_64 with x86_64-w64-mingw32-gcc on linux-x86_64') : text
assert text.contains('Built 1 C test(s) for windows-x86_64 with x86_64-w64-mingw32-gcc, not run: set <testEmulator>') : text

// 2. A PE DLL with its import library, exporting exactly the header's functions.
File dll = new File(project, "target/windows-x86_64/${LIB}.dll")
assert dll.isFile() : "${dll} was not built; target/windows-x86_64 holds ${new File(project, 'target/windows-x86_64').list()}"
assert new File(project, "target/windows-x86_64/lib${LIB}.dll.a").isFile() : 'no import library'
def (int fileExit, String fileOut, String fileErr) = runCommand(['file', '-b', dll.path], project)
println "platform-windows: file ${dll.name}: ${fileOut.trim()}"
assert fileOut.contains('PE32+ executable') && fileOut.contains('(DLL)') && fileOut.contains('x86-64') : fileOut
def (int odExit, String odOut, String odErr) = runCommand(['x86_64-w64-mingw32-objdump', '-p', dll.path], project)
assert odExit == 0 : odErr
List<String> exports = []
boolean inTable = false
odOut.eachLine { String l ->
    String t = l.trim()
    if (t.startsWith('[Ordinal/Name Pointer] Table')) {
        inTable = true
    } else if (inTable && t ==~ /\[\s*\d+\]\s+\S+/) {
        exports << t.substring(t.indexOf(']') + 1).trim()
    } else if (inTable) {
        inTable = false
    }
}
println "platform-windows: export table of ${dll.name}: ${exports}"
assert exports == ['do_stuff'] : "the DLL must export exactly the header's functions; objdump -p:\n${odOut}"
assert new File(project, "target/windows-x86_64/generated-sources/jembed/c/${LIB}_glue.c").text.contains('.build_java_home = NULL') :
        'a cross build must record no build JDK'

File exe = new File(project, 'target/windows-x86_64/jembed-tests/do_stuff_test.exe')
assert exe.isFile() : "the test goal did not build ${exe}"
assert new File(exe.parentFile, "${LIB}.dll").isFile() : 'the DLL is not beside the test program'

// 3. Under wine, with no JVM for Windows: failed start, error value, exit 0.
File prefix = new File(basedir, 'wineprefix')
Map<String, String> env = cleanEnv() + [WINEPREFIX: prefix.absolutePath, WINEDEBUG: '-all']
env.remove('DISPLAY')
def (int runExit, String stdout, String stderr) = runCommand(['wine', exe.path], exe.parentFile, env, 5)
println "platform-windows: wine do_stuff_test.exe -> exit ${runExit}\n--- stdout\n${stdout}--- stderr\n${stderr}---"
assert runExit == 0 : "do_stuff_test.exe under wine exited with ${runExit}; stderr:\n${stderr}"
assert stdout.replace('\r\n', '\n') == 'result: 0\n' : "do_stuff must return its error value, 0; stdout:\n${stdout}"
assert stderr.contains("jembed: ${LIB}: start failed") : "no failed-start diagnostic on stderr:\n${stderr}"

// 3b. A JDK that is not a Windows one in JAVA_HOME: a Java home whose bin\server\jvm.dll is this build's Linux libjvm.so.
//     LoadLibraryExW refuses it; the host still gets its error value and exits 0.
File fakeHome = new File(basedir, 'not-a-windows-jdk')
new File(fakeHome, 'bin/server').mkdirs()
java.nio.file.Files.copy(new File(System.getProperty('java.home'), 'lib/server/libjvm.so').toPath(),
        new File(fakeHome, 'bin/server/jvm.dll').toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
new File(fakeHome, 'release').text = new File(System.getProperty('java.home'), 'release').text
def (int wrongExit, String wrongOut, String wrongErr) = runCommand(['wine', exe.path], exe.parentFile,
        env + [JAVA_HOME: 'Z:' + fakeHome.canonicalPath.replace('/', '\\')], 5)
println "platform-windows: JAVA_HOME=<a Linux JDK's libjvm.so as jvm.dll> wine do_stuff_test.exe -> exit ${wrongExit}\n--- stderr\n${wrongErr}---"
assert wrongExit == 0 && wrongOut.replace('\r\n', '\n') == 'result: 0\n' : "exit ${wrongExit}, stdout ${wrongOut}, stderr:\n${wrongErr}"
assert wrongErr.contains('bin\\server\\jvm.dll') && wrongErr.contains("jembed: ${LIB}: start failed") : wrongErr

// 4. Attached with the target's classifier; the bundle's Windows layout.
File repoDir = new File(localRepositoryPath.toString(), 'com/example/my-plugin/1.0-SNAPSHOT')
assert new File(repoDir, 'my-plugin-1.0-SNAPSHOT-windows-x86_64.dll').isFile() : "${repoDir.list()}"
assert new File(repoDir, 'my-plugin-1.0-SNAPSHOT-windows-x86_64-dist.tar.gz').isFile() : "${repoDir.list()}"
assert new File(project, "target/windows-x86_64/dist/bin/${LIB}.dll").isFile()
assert new File(project, "target/windows-x86_64/dist/lib/lib${LIB}.dll.a").isFile()
String cmake = new File(project, "target/windows-x86_64/dist/lib/cmake/${LIB}/${LIB}Config.cmake").text
assert cmake.contains("IMPORTED_IMPLIB \"\${_${LIB}_prefix}/lib/lib${LIB}.dll.a\"") : cmake
assert cmake.contains("IMPORTED_LOCATION \"\${_${LIB}_prefix}/bin/${LIB}.dll\"") : cmake
return true
