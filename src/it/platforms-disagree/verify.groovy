/*
 * platforms-disagree: one build for linux-x86_64, linux-aarch_64 and windows-x86_64 of a header that says long. The
 * two Linux platforms agree; Windows does not, and the generate goal fails before anything is generated or compiled:
 * one error at each declaration whose Java differs (a function's signature, the struct view's size, the constant's
 * type, a function only Windows declares), naming both platforms, then one line that says what to do.
 */
String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR] src/main/c/wide.h:') }
println "platforms-disagree:\n  ${errors.join('\n  ')}"
assert errors == [
        "[ERROR] src/main/c/wide.h:7:6: error: 'long total(unsigned long n, record_t r)' is 'long total(long, record_t)' in Java on linux-x86_64 but 'int total(int, record_t)' on windows-x86_64",
        "[ERROR] src/main/c/wide.h:10:5: error: 'windows_only' is declared for windows-x86_64 but not for linux-x86_64",
        "[ERROR] src/main/c/wide.h:4: error: the Java generated from this declaration differs between linux-x86_64 and windows-x86_64: '{@code sizeof} is 16 bytes, alignment 8.' against '{@code sizeof} is 8 bytes, alignment 4.' (record_t.java)",
        "[ERROR] src/main/c/wide.h:5:9: error: the Java generated from this declaration differs between linux-x86_64 and windows-x86_64: 'public static final long LIMIT = 1000000L;' against 'public static final int LIMIT = 1000000;' (wide_h.java)",
] : errors.join('\n')
assert log.contains('the platforms of this build disagree on the Java of src/main/c/wide.h: 4 errors (see above); one'
        + ' build compiles one set of Java classes for all its <platforms>: declare these with types of one size on every'
        + ' platform (int32_t, int64_t, ...), or build windows-x86_64 in a build of its own'
        + ' (-Djembed.platform=windows-x86_64)') : log
assert !log.contains('linux-aarch_64 but') && !log.contains('on linux-aarch_64') : 'linux-aarch_64 agrees with linux-x86_64'
assert !new File(basedir, 'target/generated-sources/jembed').exists() : 'nothing may be generated'
assert !new File(basedir, 'target/classes').exists() : 'nothing may be compiled'
return true
