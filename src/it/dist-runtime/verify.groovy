/*
 * dist-runtime: <bundleRuntime> puts a jlink'ed runtime at lib/jre of the bundle. A program built against the
 * unpacked bundle runs in a mount namespace where /usr/lib/jvm and the build JDK are empty tmpfs mounts, with no
 * JAVA_HOME or JEMBED_JAVA_HOME: the library can only find the bundled runtime ($ORIGIN/jre). Prints the runtime's
 * size and the program's wall time (no timing is asserted).
 */
import java.nio.file.Files
import java.util.concurrent.TimeUnit

def run(List<String> cmd, File dir, Map<String, String> env = [:]) {
    def pb = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
    pb.environment().remove('LD_LIBRARY_PATH')
    pb.environment().putAll(env)
    def p = pb.start()
    String out = p.inputStream.getText('UTF-8')
    assert p.waitFor(3, TimeUnit.MINUTES)
    println "\$ ${cmd.join(' ')}\n${out}"
    return [p.exitValue(), out]
}

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Linked the bundled runtime') : 'no runtime was linked'
File[] archives = new File(basedir, 'target').listFiles().findAll { it.name.endsWith('-dist.tar.gz') }
assert archives.length == 1
File work = Files.createTempDirectory('jembed-dist-runtime').toFile()
try {
    assert run(['tar', 'xzf', archives[0].path, '-C', work.path], work)[0] == 0
    File prefix = new File(work, 'bundled-2.3.1-SNAPSHOT')
    File jre = new File(prefix, 'lib/jre')
    assert new File(jre, 'lib/server/libjvm.so').isFile() : 'no lib/jre/lib/server/libjvm.so in the bundle'
    assert new File(jre, 'lib/server/classes.jsa').isFile() : 'the bundled runtime has no CDS archive'
    assert !new File(jre, 'include').exists() && !new File(jre, 'man').exists()
    long bytes = 0
    jre.eachFileRecurse { if (it.isFile()) bytes += it.length() }
    println "dist-runtime: bundled runtime ${bytes} bytes (${String.format('%.1f', bytes / 1048576.0)} MiB), modules: ${new File(jre, 'release').text.find(/MODULES=.*/)}"

    File app = new File(work, 'app')
    def (int cc, String ccOut) = run(['sh', '-c', 'gcc -Wall -Wextra -Werror -o "$1" "$2" $(pkg-config --cflags --libs greeter)', 'sh',
            app.path, new File(basedir, 'consumer/app.c').path], work, [PKG_CONFIG_PATH: new File(prefix, 'lib/pkgconfig').path])
    assert cc == 0 : 'gcc against the bundle failed'
    String buildJdk = System.getProperty('java.home')
    String script = 'mount -t tmpfs none "$1" && mount -t tmpfs none /usr/lib/jvm && ls -A /usr/lib/jvm | wc -l && ' +
            'for i in 1 2 3; do s=$(date +%s%N); env -u JAVA_HOME -u JEMBED_JAVA_HOME -u LD_LIBRARY_PATH "$2" || exit $?; ' +
            'e=$(date +%s%N); echo "cold start + call: $(( (e - s) / 1000000 )) ms"; done'
    def (int rc, String out) = run(['unshare', '-m', 'sh', '-c', script, 'sh', buildJdk, app.path], work)
    assert rc == 0 : "the program failed with the JDKs hidden:\n${out}"
    assert out.startsWith('0\n') : '/usr/lib/jvm was not masked'
    assert out.count('hello from Java: 20 + 22\nsum: 42\n') == 3 : "unexpected output:\n${out}"
} finally {
    work.deleteDir()
}
return true
