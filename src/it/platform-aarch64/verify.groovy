/*
 * platform-aarch64: the archetype project cross-built with -Djembed.platform=linux-aarch_64 (aarch64-linux-gnu-gcc,
 * jembed's jni_md.h). `file` reports an ARM aarch64 shared object; the C test goal builds the archetype's C test for
 * aarch64 and says it did not run it; that program, run under qemu-aarch64 with no JVM for aarch64 anywhere, prints
 * the failed-start diagnostic, gets the error value (0) from do_stuff and exits 0; the library and the bundle are
 * attached with classifier linux-aarch_64. With -Djembed.testEmulator the test goal itself runs the program under qemu
 * (and the test fails: its .expected output needs a JVM). Needs gcc-aarch64-linux-gnu, libc6-dev-arm64-cross and qemu-user.
 */
evaluate(new File(itCommon))

final String LIB = 'my_plugin'
final String SYSROOT = '/usr/aarch64-linux-gnu'
File project = new File(basedir, 'generated/my-plugin')
assert new File(project, 'pom.xml').isFile() : "archetype:generate did not create ${project}/pom.xml"

// 1. Cross build, installed into the Invoker's repository (to see the classifier Maven attaches); the start-up cache
//    and the bundled runtime, which need a JDK of the target, are asked for and skipped with one warning each.
File log = new File(basedir, 'cross-build.log')
int exit = mavenBuild(project, ['-Djembed.platform=linux-aarch_64', '-Djembed.startupCache=true',
        '-Djembed.bundleRuntime=true', 'install'], log)
assert exit == 0 : "the cross build failed (log: ${log})"
String text = log.getText('UTF-8')
assert text.contains('Cross-building for linux-aarch_64 with aarch64-linux-gnu-gcc on linux-x86_64') : text
assert text.contains('Built 1 C test(s) for linux-aarch_64 with aarch64-linux-gnu-gcc, not run: set <testEmulator>') : text
assert text.contains('C tests run: 0, Failures: 0, Built only: 1') : text
assert text.count('[WARNING] No start-up cache for linux-aarch_64: <startupCache> trains on the build JDK') == 1 : text
assert text.count('[WARNING] No bundled runtime for linux-aarch_64: <bundleRuntime> jlinks the build JDK') == 1 : text
assert !new File(project, 'target/linux-aarch_64/dist/lib/jre').exists() && !new File(project, 'target/linux-aarch_64').list().any { it.endsWith('.aot') }
assert !new File(project, 'target').list().any { it.endsWith('.aot') }

// 2. An AArch64 ELF shared object, with its SONAME, and a test program for AArch64.
File so = new File(project, "target/linux-aarch_64/lib${LIB}.so")
assert so.isFile() : "${so} was not built"
def (int fileExit, String fileOut, String fileErr) = runCommand(['file', '-b', so.path], project)
assert fileExit == 0 : fileErr
println "platform-aarch64: file ${so.name}: ${fileOut.trim()}"
assert fileOut.contains('ELF 64-bit LSB shared object') && fileOut.contains('ARM aarch64') : fileOut
def (int rdExit, String rdOut, String rdErr) = runCommand(['aarch64-linux-gnu-readelf', '-d', so.path], project)
assert rdExit == 0 : rdErr
assert rdOut.contains("Library soname: [lib${LIB}.so]") : rdOut
assert !rdOut.contains('temurin') && !rdOut.contains('/usr/lib/jvm') : "the build JDK leaks into the library:\n${rdOut}"
def (int nmExit, String nmOut, String nmErr) = runCommand(['aarch64-linux-gnu-nm', '-D', '--defined-only', so.path], project)
assert nmExit == 0 : nmErr
assert nmOut.readLines().collect { it.trim().split(/\s+/) }.findAll { it.length == 3 && it[1] == 'T' }.collect { it[2] } == ['do_stuff'] : nmOut
def (int roExit, String roOut, String roErr) = runCommand(['aarch64-linux-gnu-readelf', '-p', '.rodata', so.path], project)
assert roExit == 0 : roErr
assert !roOut.contains(System.getProperty('java.home')) : 'the cross-built library records the build JDK in .rodata'

File test = new File(project, 'target/linux-aarch_64/jembed-tests/do_stuff_test')
assert test.isFile() : "the test goal did not build ${test}"
def (int tfExit, String tfOut, String tfErr) = runCommand(['file', '-b', test.path], project)
assert tfOut.contains('ARM aarch64') : tfOut

// 3. Under qemu, with no JVM for aarch64: failed start, error value, exit 0.
def (int runExit, String stdout, String stderr) = runCommand(['qemu-aarch64', '-L', SYSROOT, test.path], project, cleanEnv())
println "platform-aarch64: qemu-aarch64 -L ${SYSROOT} do_stuff_test -> exit ${runExit}\n--- stdout\n${stdout}--- stderr\n${stderr}---"
assert runExit == 0 : "do_stuff_test under qemu exited with ${runExit}; stderr:\n${stderr}"
assert stdout == 'result: 0\n' : "do_stuff must return its error value, 0; stdout:\n${stdout}"
assert stderr.contains("jembed: ${LIB}: start failed") : "no failed-start diagnostic on stderr:\n${stderr}"

// 3b. A JDK of the wrong architecture in JAVA_HOME (this build's x86_64 JDK): the loader refuses its libjvm, and the
//     host still gets its error value and exits 0.
String wrongJdk = new File(System.getProperty('java.home')).canonicalPath
def (int wrongExit, String wrongOut, String wrongErr) = runCommand(['qemu-aarch64', '-L', SYSROOT, test.path], project,
        cleanEnv() + [JAVA_HOME: wrongJdk])
println "platform-aarch64: JAVA_HOME=${wrongJdk} (x86_64) qemu-aarch64 do_stuff_test -> exit ${wrongExit}\n--- stderr\n${wrongErr}---"
assert wrongExit == 0 && wrongOut == 'result: 0\n' : "exit ${wrongExit}, stdout ${wrongOut}, stderr:\n${wrongErr}"
assert wrongErr.contains("JAVA_HOME: ${wrongJdk}/lib/server/libjvm.so") : wrongErr
assert wrongErr.contains('yet the file is there: a library for another architecture?') : wrongErr

assert new File(project, "target/linux-aarch_64/generated-sources/jembed/c/${LIB}_glue.c").text.contains('.build_java_home = NULL') :
        'a cross build must record no build JDK'

// 4. The test goal under <testEmulator>: it runs the program under qemu, which fails the test against its
//    .expected file ("result: 7"), since no JVM runs there.
File emuLog = new File(basedir, 'emulator-build.log')
int emuExit = mavenBuild(project, ['-Djembed.platform=linux-aarch_64',
        "-Djembed.testEmulator=qemu-aarch64 -L ${SYSROOT}".toString(), 'verify'], emuLog)
String emuText = emuLog.getText('UTF-8')
assert emuExit != 0 : 'the C test cannot pass under qemu without a JVM'
assert emuText.contains('Running do_stuff_test ... FAILED: standard output differs from do_stuff_test.expected') : emuText
assert emuText.contains('--- actual\nresult: 0') : emuText
assert emuText.contains("jembed: ${LIB}: start failed") : emuText

// 5. Attached with the target's classifier: the library and the consumer bundle.
File repoDir = new File(localRepositoryPath.toString(), 'com/example/my-plugin/1.0-SNAPSHOT')
File attached = new File(repoDir, 'my-plugin-1.0-SNAPSHOT-linux-aarch_64.so')
assert attached.isFile() : "no ${attached.name} in ${repoDir}: ${repoDir.list()}"
assert new File(repoDir, 'my-plugin-1.0-SNAPSHOT-linux-aarch_64-dist.tar.gz').isFile() : "${repoDir.list()}"
assert new File(project, "target/linux-aarch_64/dist/lib/lib${LIB}.so").isFile()
assert new File(project, "target/linux-aarch_64/dist/lib/pkgconfig/${LIB}.pc").text.contains('Libs.private: -ldl -lpthread')
return true
