/*
 * platforms-install: one `mvn install` of a project whose pom lists <platforms> linux-x86_64, linux-aarch_64 and
 * windows-x86_64. The header is read for each and agrees (fixed-width types); the library goal logs one line per
 * platform; the C test runs natively (the calls reach Java), under qemu-aarch64 and under wine (<testEmulators>; no
 * JVM there: failed start, error value 0), each with its report; the local repository holds the jar, the pom, each
 * platform's library under its classifier in its format (ELF x86-64, ELF AArch64, PE32+ DLL) and each bundle as
 * <classifier>-dist, with that platform's layout inside, all listed in maven-metadata-local.xml.
 */
evaluate(new File(itCommon))

final String A = 'platforms-install-1.0-SNAPSHOT'
String log = new File(basedir, 'build.log').getText('UTF-8')
File target = new File(basedir, 'target')

// 1. The log: the header read for each platform, one line per library, one per platform's C tests.
assert log.contains('Read src/main/c/multi.h for linux-x86_64, linux-aarch_64, windows-x86_64 (the same Java on each)') : log
List<String> built = log.readLines().findAll { it.contains('[INFO] Built ') && it.contains(' exported function(s)') }
println "platforms-install: ${built.join('\n  ')}"
assert built.size() == 3 : built
assert built[0].contains("Built target/libmulti.so for linux-x86_64 (2 exported function(s)") &&
        built[0].endsWith("; bundle target/dist, target/${A}-linux-x86_64-dist.tar.gz") : built[0]
assert built[1].contains('Built target/linux-aarch_64/libmulti.so for linux-aarch_64 with aarch64-linux-gnu-gcc (') &&
        built[1].endsWith("; bundle target/linux-aarch_64/dist, target/${A}-linux-aarch_64-dist.tar.gz") : built[1]
assert built[2].contains('Built target/windows-x86_64/multi.dll for windows-x86_64 with x86_64-w64-mingw32-gcc (') &&
        built[2].contains('import library target/windows-x86_64/libmulti.dll.a') : built[2]
assert log.count('Bound 2 exported function(s) of src/main/c/multi.h') == 1 : 'the stages of each platform are logged once'
assert log.contains('[INFO] C tests on linux-x86_64 run: 1, Failures: 0') : log
assert log.contains('[INFO] C tests on linux-aarch_64 (under qemu-aarch64 -L /usr/aarch64-linux-gnu) run: 1, Failures: 0') : log
assert log =~ /\[INFO\] C tests on windows-x86_64 \(under env -u DISPLAY WINEPREFIX=\S+ WINEDEBUG=-all wine\) run: 1, Failures: 0/ : log

// 2. Each platform's C test ran there: its report, in the platform's own folder.
Map<String, String> reports = ['linux-x86_64': 'jembed-reports', 'linux-aarch_64': 'linux-aarch_64/jembed-reports',
                               'windows-x86_64': 'windows-x86_64/jembed-reports']
reports.each { platform, dir ->
    String xml = new File(target, "${dir}/TEST-platform_test.xml").getText('UTF-8')
    boolean jvm = platform == 'linux-x86_64'
    assert xml.contains("${platform}: add_point ${jvm ? 7 : 0}, widen ${jvm ? 4294967296L : 0}") : xml
    assert xml.contains('failures="0"') && xml.contains('skipped="0"') : xml
    assert jvm || xml.contains('jembed: multi: start failed') : xml
}

// 3. The local repository: the main artifacts, three libraries and three bundles, by classifier.
File repoDir = new File(localRepositoryPath.toString(), 'org/example/it/platforms-install/1.0-SNAPSHOT')
List<String> installed = repoDir.list().findAll { !it.startsWith('_') && !it.startsWith('maven-metadata') }.sort()
println "platforms-install: installed ${installed}"
assert installed == ["${A}-linux-aarch_64-dist.tar.gz", "${A}-linux-aarch_64.so", "${A}-linux-x86_64-dist.tar.gz",
                     "${A}-linux-x86_64.so", "${A}-windows-x86_64-dist.tar.gz", "${A}-windows-x86_64.dll",
                     "${A}.jar", "${A}.pom"].collect { it.toString() } : installed
Map<String, List<String>> formats = [
        'linux-x86_64.so': ['ELF 64-bit LSB shared object', 'x86-64'],
        'linux-aarch_64.so': ['ELF 64-bit LSB shared object', 'ARM aarch64'],
        'windows-x86_64.dll': ['PE32+ executable', '(DLL)', 'x86-64']]
Map<String, File> built3 = ['linux-x86_64.so': new File(target, 'libmulti.so'),
                            'linux-aarch_64.so': new File(target, 'linux-aarch_64/libmulti.so'),
                            'windows-x86_64.dll': new File(target, 'windows-x86_64/multi.dll')]
formats.each { suffix, words ->
    File f = new File(repoDir, "${A}-${suffix}")
    def (int e, String type, String err) = runCommand(['file', '-b', f.path], basedir)
    println "platforms-install: ${f.name}: ${type.trim()}"
    assert e == 0 && words.every { type.contains(it) } : type
    assert f.bytes == built3[suffix].bytes : "${f.name} is not the library built in ${built3[suffix]}"
}
Map<String, List<String>> bundles = [
        'linux-x86_64': ['lib/libmulti.so', 'include/multi.h', 'lib/pkgconfig/multi.pc', 'lib/cmake/multi/multiConfig.cmake'],
        'linux-aarch_64': ['lib/libmulti.so', 'include/multi.h', 'lib/pkgconfig/multi.pc'],
        'windows-x86_64': ['bin/multi.dll', 'lib/libmulti.dll.a', 'include/multi.h', 'lib/cmake/multi/multiConfig.cmake']]
bundles.each { platform, entries ->
    File tgz = new File(repoDir, "${A}-${platform}-dist.tar.gz")
    def (int e, String listing, String err) = runCommand(['tar', 'tzf', tgz.path], basedir)
    assert e == 0 : err
    List<String> names = listing.readLines()
    entries.each { assert names.contains("${A}/${it}".toString()) : "${tgz.name} has no ${it}:\n${listing}" }
    assert platform == 'windows-x86_64' || !names.any { it.endsWith('.dll') } : listing
}
String meta = new File(repoDir, 'maven-metadata-local.xml').getText('UTF-8')
['linux-x86_64': 'so', 'linux-aarch_64': 'so', 'windows-x86_64': 'dll'].each { classifier, extension ->
    assert meta =~ /<classifier>\Q${classifier}\E<\/classifier>\s*<extension>\Q${extension}\E<\/extension>/ : meta
    assert meta =~ /<classifier>\Q${classifier}-dist\E<\/classifier>\s*<extension>tar\.gz<\/extension>/ : meta
}
return true
