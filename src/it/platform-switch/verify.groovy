/*
 * platform-switch: the archetype project built for linux-aarch_64, then windows-x86_64, then the build machine, in one
 * folder without clean (once the AArch64 objects were linked into the DLL, and ld crashed on the COFF objects). Each
 * library is what `file` says its platform's is and runs there: the AArch64 test program under qemu-aarch64 and the
 * Windows one under wine (no JVM for either: failed start, error value 0, exit 0), the native one with the JDK
 * (adding 3 and 4, 7). Another platform's files are in target/<platform>/. A build that changed nothing compiles and
 * links nothing (the log says "up to date"; objects, library and bundle keep their times), and going back to
 * linux-aarch_64 finds its objects and library as they were. Needs gcc-aarch64-linux-gnu, libc6-dev-arm64-cross,
 * qemu-user, gcc-mingw-w64-x86-64 and wine.
 */
evaluate(new File(itCommon))

final String LIB = 'my_plugin'
File project = new File(basedir, 'generated/my-plugin')
File target = new File(project, 'target')
assert new File(project, 'pom.xml').isFile() : "archetype:generate did not create ${project}/pom.xml"

def build = { String name, List<String> args ->
    File log = new File(basedir, "${name}.log")
    int exit = mavenBuild(project, args, log)
    assert exit == 0 : "mvn ${args.join(' ')} failed (log: ${log})"
    return log.getText('UTF-8')
}
def fileType = { File f ->
    assert f.isFile() : "${f} was not built"
    def (int e, String out, String err) = runCommand(['file', '-b', f.path], project)
    assert e == 0 : err
    return out.trim()
}
// "Built <library> for <platform> (1 exported function(s), native build N ms: <what it did>)"
def builtLine = { String log, String library, String platform ->
    def m = log =~ /Built \Q${library}\E for \Q${platform}\E \(1 exported function\(s\), native build \d+ ms: (up to date|\d+ of \d+ C file\(s\) compiled, (?:linked|not relinked))\)/
    assert m.find() : "no build line for ${library} (${platform}):\n${log}"
    return m.group(1)
}
def compiledAll = { String did -> (did =~ /^(\d+) of (\d+) C file\(s\) compiled, linked$/).with { it.matches() && it.group(1) == it.group(2) } }

// 1. linux-aarch_64, windows-x86_64, then the build machine: each compiles everything of its own and links.
String armLog = build('1-aarch64', ['-Djembed.platform=linux-aarch_64', 'verify'])
String armDid = builtLine(armLog, "target/linux-aarch_64/lib${LIB}.so", 'linux-aarch_64')
assert compiledAll(armDid) : armDid
String winLog = build('2-windows', ['-Djembed.platform=windows-x86_64', 'verify'])
String winDid = builtLine(winLog, "target/windows-x86_64/${LIB}.dll", 'windows-x86_64')
assert compiledAll(winDid) : "the Windows build must not reuse the AArch64 objects: ${winDid}"
String ownLog = build('3-native', ['verify'])
String ownDid = builtLine(ownLog, "target/lib${LIB}.so", 'linux-x86_64')
assert compiledAll(ownDid) : "the native build must not reuse the Windows objects: ${ownDid}"
assert ownLog.contains('Running do_stuff_test ... ok') : ownLog
println "platform-switch: aarch64 ${armDid}; windows ${winDid}; native ${ownDid}"

// 2. Each library is its platform's and runs there.
File armSo = new File(target, "linux-aarch_64/lib${LIB}.so")
File winDll = new File(target, "windows-x86_64/${LIB}.dll")
File ownSo = new File(target, "lib${LIB}.so")
def checkTypes = {
    String arm = fileType(armSo), win = fileType(winDll), own = fileType(ownSo)
    println "platform-switch: ${armSo.name} (linux-aarch_64): ${arm}\n  ${winDll.name}: ${win}\n  ${ownSo.name} (native): ${own}"
    assert arm.contains('ELF 64-bit LSB shared object') && arm.contains('ARM aarch64') : arm
    assert win.contains('PE32+ executable') && win.contains('(DLL)') && win.contains('x86-64') : win
    assert own.contains('ELF 64-bit LSB shared object') && own.contains('x86-64') : own
}
checkTypes()
assert fileType(new File(target, 'linux-aarch_64/jembed-tests/do_stuff_test')).contains('ARM aarch64')

def (int qExit, String qOut, String qErr) = runCommand(['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu',
        new File(target, 'linux-aarch_64/jembed-tests/do_stuff_test').path], project, cleanEnv())
println "platform-switch: qemu-aarch64 do_stuff_test -> exit ${qExit}, stdout ${qOut.trim()}"
assert qExit == 0 && qOut == 'result: 0\n' && qErr.contains("jembed: ${LIB}: start failed") : "${qExit}\n${qOut}\n${qErr}"

File exe = new File(target, 'windows-x86_64/jembed-tests/do_stuff_test.exe')
Map<String, String> wineEnv = cleanEnv() + [WINEPREFIX: new File(basedir, 'wineprefix').absolutePath, WINEDEBUG: '-all']
wineEnv.remove('DISPLAY')
def (int wExit, String wOut, String wErr) = runCommand(['wine', exe.path], exe.parentFile, wineEnv, 5)
println "platform-switch: wine do_stuff_test.exe -> exit ${wExit}, stdout ${wOut.trim()}"
assert wExit == 0 && wOut.replace('\r\n', '\n') == 'result: 0\n' && wErr.contains("jembed: ${LIB}: start failed") :
        "${wExit}\n${wOut}\n${wErr}"

def (int nExit, String nOut, String nErr) = runCommand([new File(target, 'jembed-tests/do_stuff_test').path], project,
        cleanEnv() + [JAVA_HOME: System.getProperty('java.home')])
println "platform-switch: do_stuff_test (native) -> exit ${nExit}, stdout ${nOut.readLines()}"
assert nExit == 0 && nOut == 'adding 3 and 4\nresult: 7\n' : "${nExit}\n${nOut}\n${nErr}"

// 3. Nothing changed: nothing compiled, nothing linked, no file of the library or its bundle rewritten.
List<File> watched = new File(target, 'jembed/obj').listFiles().findAll { it.name.endsWith('.o') } +
        [ownSo, new File(target, 'dist/lib/libmy_plugin.so'), new File(target, 'my-plugin-1.0-SNAPSHOT-linux-x86_64-dist.tar.gz')]
assert watched.size() > 3 : "no objects in target/jembed/obj: ${new File(target, 'jembed/obj').list()}"
Map<String, Long> times = watched.collectEntries { [(it.path): it.lastModified()] }
sleep(1100)
String againLog = build('4-native-again', ['package'])
assert builtLine(againLog, "target/lib${LIB}.so", 'linux-x86_64') == 'up to date' : againLog
watched.each { assert it.lastModified() == times[it.path] : "${it} was rewritten by a build that changed nothing" }

// 4. Back to linux-aarch_64: its objects and library were kept in target/linux-aarch_64/.
long armTime = armSo.lastModified()
String backLog = build('5-aarch64-again', ['-Djembed.platform=linux-aarch_64', 'package'])
assert builtLine(backLog, "target/linux-aarch_64/lib${LIB}.so", 'linux-aarch_64') == 'up to date' : backLog
assert armSo.lastModified() == armTime
checkTypes()
return true
