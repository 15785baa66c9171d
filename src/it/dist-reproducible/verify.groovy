/*
 * dist-reproducible: the same project built in two folders (the Invoker's copy, and a copy in a temporary folder
 * with a path of another length) gives byte-identical .so, .a, jar and bundle tar.gz (-ffile-prefix-map,
 * ar D, project.build.outputTimestamp, a normalised tar.gz).
 */
import java.nio.file.Files
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

File findSettings(File basedir) {
    File interpolated = new File(basedir.parentFile, 'interpolated-settings.xml')
    if (interpolated.isFile()) {
        return interpolated
    }
    for (File dir = basedir.canonicalFile; dir != null; dir = dir.parentFile) {
        File raw = new File(dir, 'src/it/settings.xml')
        if (raw.isFile() && !raw.canonicalPath.startsWith(basedir.canonicalPath)) {
            return raw
        }
    }
    return null
}

String sha256(File f) {
    MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
}

File other = Files.createTempDirectory('jembed-repro-elsewhere-').toFile()
boolean ok = false
try {
    def cp = new ProcessBuilder('cp', '-r', new File(basedir, 'pom.xml').path, new File(basedir, 'src').path, other.path)
            .inheritIO().start()
    assert cp.waitFor() == 0
    File mvn = new File(System.getProperty('maven.home'), 'bin/mvn')
    File log = new File(basedir, 'second-build.log')
    def pb = new ProcessBuilder(mvn.path, '-B', '-s', findSettings(basedir).path,
            "-Dmaven.repo.local=${new File(localRepositoryPath.toString()).absolutePath}".toString(), 'package')
            .directory(other).redirectErrorStream(true).redirectOutput(log)
    def p = pb.start()
    assert p.waitFor(10, TimeUnit.MINUTES) : 'second build timed out'
    assert p.exitValue() == 0 : "second build failed:\n${log.text}"
    List<String> names = ['target/libgreeter.so', 'target/libgreeter.a', 'target/repro-2.3.1-SNAPSHOT.jar']
    names += new File(basedir, 'target').list().findAll { it.endsWith('-dist.tar.gz') }.collect { "target/${it}" }
    assert names.size() == 4 : 'no bundle tar.gz was built'
    names.each { n ->
        String a = sha256(new File(basedir, n))
        String b = sha256(new File(other, n))
        println "sha256 ${a}  ${new File(basedir, n)}"
        println "sha256 ${b}  ${new File(other, n)}"
        assert a == b : "${n} differs between ${basedir} and ${other}"
    }
    ok = true
} finally {
    if (ok) other.deleteDir() else println "dist-reproducible: kept ${other}"
}
return true
