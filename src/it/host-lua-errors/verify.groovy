evaluate(new File(itCommon))

// this build (default dispatch: JNI, then FFM stubs after 10,000 calls), then the module built for each path alone
def libs = [auto: new File(basedir, 'target/jstre.so')]
['jni', 'ffm'].each { d ->
    File copy = new File(basedir, "target/build-${d}")
    [new File(basedir, 'pom.xml'), new File(basedir, 'src')].each { from ->
        java.nio.file.Path source = from.toPath()
        java.nio.file.Files.walk(source).forEach { p ->
            java.nio.file.Path to = copy.toPath().resolve(basedir.toPath().relativize(p))
            if (java.nio.file.Files.isDirectory(p)) {
                java.nio.file.Files.createDirectories(to)
            } else {
                java.nio.file.Files.createDirectories(to.parent)
                java.nio.file.Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
            }
        }
    }
    int status = mavenBuild(copy, ['-B', '-o', 'package', "-Djembed.dispatch=${d}".toString()], new File(basedir, "build-${d}.log"))
    assert status == 0 : "the ${d} build failed (build-${d}.log)"
    libs[d] = new File(copy, 'target/jstre.so')
}
libs.each { d, lib ->
    assert lib.isFile()
    def r = timedRun(new File(basedir, 'src/test/lua'), ['lua5.4', '-e', "LIB = '${lib}'; N = 1000000", 'test.lua'], [:], 300)
    println "${d}: lua5.4 test.lua -> exit ${r[0]}\n--- stdout\n${r[1]}--- stderr\n${r[2].take(3000)}---"
    assert r[0] == 0
    assert r[1].contains('jstre ok: 1000000 errors, then 1000000 calls')
    assert !r[2].contains('jembed:') : "diagnostics on stderr"
}
return true
