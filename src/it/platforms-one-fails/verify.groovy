/*
 * platforms-one-fails: a build for linux-x86_64 and windows-x86_64 whose user C includes <sys/mman.h>. The Linux
 * library is built; the Windows compile fails with the compiler's own message at the include, then one line naming
 * the platform and the file, and the build fails. No DLL is left behind.
 */
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Built target/libposix_only.so for linux-x86_64 (1 exported function(s)') : log
assert log =~ /helper\.c:2:10: fatal error: sys\/mman\.h: No such file or directory/ : log
String failure = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
println "platforms-one-fails: ${failure}"
assert failure != null && failure.contains('The library for windows-x86_64 failed to build (this build is for'
        + ' linux-x86_64, windows-x86_64): x86_64-w64-mingw32-gcc failed on helper.c (the compiler\'s messages are above)') : log
assert new File(basedir, 'target/libposix_only.so').isFile()
assert !new File(basedir, 'target/windows-x86_64/posix_only.dll').exists() : 'a DLL that failed to build is left behind'
assert !log.contains('Built target/windows-x86_64') : log
return true
