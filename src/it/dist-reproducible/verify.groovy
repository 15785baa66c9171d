/*
 * dist-reproducible: the same project built in two folders (the Invoker's copy, and a copy in a temporary folder
 * with a path of another length) gives byte-identical .so, .a, jar and bundle tar.gz (-ffile-prefix-map,
 * ar D, project.build.outputTimestamp, a normalised tar.gz).
 */
import java.nio.file.Files
import java.security.MessageDigest

evaluate(new File(itCommon)) // mavenBuild: a nested mvn with the Invoker's settings and local repository

String sha256(File f) {
    MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
}

File other = Files.createTempDirectory('jembed-repro-elsewhere-').toFile()
boolean ok = false
try {
    def cp = new ProcessBuilder('cp', '-r', new File(basedir, 'pom.xml').path, new File(basedir, 'src').path, other.path)
            .inheritIO().start()
    assert cp.waitFor() == 0
    File log = new File(basedir, 'second-build.log')
    int exit = mavenBuild(other, ['package'], log)
    assert exit == 0 : "second build failed:\n${log.text}"
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
