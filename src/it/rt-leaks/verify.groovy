// The C test (rss_flat) passed in the build. Here: rebuild the generated glue and runtime helper with
// ASan+UBSan and run calls through them with the JVM; then run the failed-start path under valgrind memcheck.
def javaHome = System.getProperty('java.home')
def gen = new File(basedir, 'target/generated-sources/jembed/c')
def work = java.nio.file.Files.createTempDirectory('rt-leaks').toFile()
evaluate(new File(itCommon))
def run = { List cmd, Map env = [:] -> timedRun(work, cmd, env, 600) }
def san = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer']
def sources = gen.listFiles().findAll { it.name.endsWith('.c') }.collect { it.path }
// The plugin force-includes its generated jembed.h (export macro) into every C file; do the same.
def forced = new File(gen, 'jembed.h').isFile() ? ['-include', new File(gen, 'jembed.h').path] : []
def (c1, o1, e1) = run(['gcc', '-std=gnu11', '-fPIC', '-O1', '-g', '-fvisibility=hidden', '-Wall', '-Wextra', '-Werror',
        *san, *forced, "-I${gen}", "-I${basedir}/src/main/c", "-I${javaHome}/include", "-I${javaHome}/include/linux",
        '-shared', '-Wl,-soname,libleaky.so', '-o', 'libleaky.so', *sources, '-ldl', '-lpthread'])
assert c1 == 0 : "sanitizer build of the glue failed:\n${e1}"
def (c2, o2, e2) = run(['gcc', '-std=gnu11', '-g', '-Wall', '-Wextra', '-Werror', *san, "-I${basedir}/src/main/c",
        "${basedir}/src/test/sanitizers/checked_calls.c", '-o', 'checked_calls', "-L${work}", '-lleaky', '-lpthread',
        '-Wl,-rpath,$ORIGIN'])
assert c2 == 0 : "compiling checked_calls.c failed:\n${e2}"
// LeakSanitizer cannot run inside a JVM process (its tracer trips on the JVM's guard pages): leaks are covered by
// rss_flat and by valgrind below. The JVM handles SIGSEGV itself, so ASan must not.
def asanOptions = 'detect_leaks=0:handle_segv=0:allow_user_segv_handler=1:detect_stack_use_after_return=0:abort_on_error=0'
def (r3, o3, e3) = run(["${work}/checked_calls"], [ASAN_OPTIONS: asanOptions, UBSAN_OPTIONS: 'print_stacktrace=1'])
println "ASan+UBSan run: exit ${r3}\n${o3}"
assert !e3.contains('ERROR: AddressSanitizer') : e3
assert !e3.contains('runtime error:') : e3
assert r3 == 0 && o3 == '4 threads x 20000 checked calls: wrong results 0\n' : e3
assert e3.count('fail_if_negative threw a Java exception; returning 0') == 16

// valgrind: the failed-start path exercises the runtime helper's own allocations and messages without a JVM.
def (c4, o4, e4) = run(['gcc', '-std=gnu11', '-g', "-I${basedir}/src/main/c", "${basedir}/src/test/sanitizers/checked_calls.c",
        '-o', 'plain_calls', "-L${basedir}/target", '-lleaky', '-lpthread', "-Wl,-rpath,${basedir}/target"])
assert c4 == 0 : e4
def (r5, o5, e5) = run(['valgrind', '--error-exitcode=99', '--leak-check=full', '--errors-for-leak-kinds=definite,indirect',
        "${work}/plain_calls"], [NO_JVM: '1', JEMBED_JAVA_HOME: '/nonexistent/jdk'])
println "valgrind run: exit ${r5}\n${o5}"
assert r5 == 0 : e5
assert o5 == 'failed start: every call returned the error value: yes\n'
assert e5.contains('ERROR SUMMARY: 0 errors')
work.deleteDir()
return true
