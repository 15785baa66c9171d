/*
 * dist-bundle: `mvn verify` writes target/dist and the <os>-<arch>-dist tar.gz; unpacked in another folder, the
 * bundle serves a CMake project (find_package(greeter), shared and static targets) and a Makefile using
 * pkg-config; every program built from it runs and gets Java's answer. Compiler command lines are not at INFO.
 */
import java.nio.file.Files
import java.util.concurrent.TimeUnit

def run(List<String> cmd, File dir, Map<String, String> env = [:], boolean quiet = false) {
    def pb = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
    pb.environment().remove('LD_LIBRARY_PATH')
    pb.environment().putAll(env)
    def p = pb.start()
    String out = p.inputStream.getText('UTF-8')
    assert p.waitFor(3, TimeUnit.MINUTES)
    println "\$ ${cmd.join(' ')}  (in ${dir})\n${quiet ? '(output not shown)\n' : out}"
    return [p.exitValue(), out]
}

String log = new File(basedir, 'build.log').getText('UTF-8')
assert !log.readLines().any { it.startsWith('[INFO]') && it.contains('-fvisibility=hidden') } : 'gcc command lines are logged at INFO'
def libraryLines = log.readLines().findAll { it.startsWith('[INFO]') }
int compileHint = libraryLines.findIndexOf { it.contains('Compile against it: cc app.c $(PKG_CONFIG_PATH=target/dist/lib/pkgconfig pkg-config --cflags --libs greeter)') }
assert compileHint >= 0 : 'the library goal does not say how to compile against the library'
assert libraryLines[compileHint + 1].contains('---') || libraryLines[compileHint + 1].trim() == '[INFO]' : 'the compile hint is not the library goal\'s last line'

File dist = new File(basedir, 'target/dist')
['include/greeter.h', 'include/greeter_types.h', 'lib/libgreeter.so', 'lib/libgreeter.a', 'lib/pkgconfig/greeter.pc',
 'lib/cmake/greeter/greeterConfig.cmake', 'lib/cmake/greeter/greeterConfigVersion.cmake'].each {
    assert new File(dist, it).isFile() : "target/dist/${it} is missing"
}
File[] archives = new File(basedir, 'target').listFiles().findAll { it.name ==~ /greeter-2\.3\.1-SNAPSHOT-.+-.+-dist\.tar\.gz/ }
assert archives.length == 1 : 'no greeter-2.3.1-SNAPSHOT-<os>-<arch>-dist.tar.gz in target'

File work = Files.createTempDirectory('jembed-dist-bundle').toFile()
try {
    def (int tx, String tout) = run(['tar', 'xzvf', archives[0].path, '-C', work.path], work)
    assert tx == 0
    File prefix = new File(work, 'greeter-2.3.1-SNAPSHOT')
    assert new File(prefix, 'lib/libgreeter.so').isFile() : "the archive has no greeter-2.3.1-SNAPSHOT/lib/libgreeter.so:\n${tout}"
    assert run(['cp', '-r', new File(basedir, 'consumers').path, work.path], work)[0] == 0

    // CMake: find_package(greeter 2.3) through CMAKE_PREFIX_PATH, imported targets greeter::greeter(_static).
    File build = new File(work, 'cmake-build')
    def (int c1, String o1) = run(['cmake', '-S', new File(work, 'consumers/cmake').path, '-B', build.path,
                                   "-DCMAKE_PREFIX_PATH=${prefix.path}".toString()], work)
    assert c1 == 0 : 'cmake configure failed'
    def (int c2, String o2) = run(['cmake', '--build', build.path], work)
    assert c2 == 0 : 'cmake build failed'
    def (int r1, String out1) = run([new File(build, 'app').path], work)
    assert r1 == 0 && out1 == 'hello from Java: 20 + 22\nsum: 42\n' : 'the CMake consumer (shared) did not get 42'
    def (int r2, String out2) = run([new File(build, 'app_static').path], work)
    assert r2 == 0 && out2 == 'hello from Java: 20 + 22\nsum: 42\n' : 'the CMake consumer (static) did not get 42'
    def (int n2, String nmOut) = run(['nm', new File(build, 'app_static').path], work, [:], true)
    assert nmOut.contains(' T greet_sum') : 'the static program does not contain greet_sum itself'
    def (int l2, String lddOut) = run(['ldd', new File(build, 'app_static').path], work)
    assert !lddOut.contains('libgreeter.so') : 'the static program still needs libgreeter.so'

    // Make + pkg-config.
    def (int m1, String mo) = run(['make', '-C', new File(work, 'consumers/make').path], work,
            [PKG_CONFIG_PATH: new File(prefix, 'lib/pkgconfig').path])
    assert m1 == 0 : 'make with pkg-config failed'
    def (int r3, String out3) = run([new File(work, 'consumers/make/app').path], work)
    assert r3 == 0 && out3 == 'hello from Java: 20 + 22\nsum: 42\n' : 'the pkg-config consumer did not get 42'
} finally {
    work.deleteDir()
}
return true
