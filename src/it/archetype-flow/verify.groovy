/*
 * archetype-flow: the project scaffolded by embed-archetype builds with `mvn verify`
 * and yields a libmy_plugin.so that a plain C program links, loads via $ORIGIN and calls.
 *
 * Runs in the Invoker's JVM after archetype:generate. Bound by the Invoker:
 *   basedir              this IT's cloned folder (target/it/archetype-flow)
 *   localRepositoryPath  the Invoker's local repository, holding the reactor's jembed artifacts
 */
import java.nio.file.Files
import java.nio.file.StandardCopyOption

final String LIB = 'my_plugin'
final String EXPECTED_STDOUT = 'adding 3 and 4\nresult: 7\n'

File project = new File(basedir, 'generated/my-plugin')
assert new File(project, 'pom.xml').isFile() : "archetype:generate did not create ${project}/pom.xml"
assert new File(project, 'README.md').text.contains('libmy_plugin.so') : 'the generated project has no README.md'
assert new File(project, '.gitignore').text.contains('target/') : 'the generated project has no .gitignore'

evaluate(new File(itCommon)) // runCommand, mavenBuild (with the Invoker's interpolated settings and local repository)

// 1. mvn verify in the generated project, with the Maven that runs the Invoker.
File buildLog = new File(basedir, 'generated-build.log')
int buildExit = mavenBuild(project, ['verify'], buildLog)
assert buildExit == 0 : "nested 'mvn verify' failed with exit code ${buildExit} (log: ${buildLog})"

// 2. The library exists and exports exactly the API of my_plugin.h.
File so = new File(project, "target/lib${LIB}.so")
assert so.isFile() : "${so} was not built"

def (int nmExit, String nmOut, String nmErr) = runCommand(['nm', '-D', '--defined-only', so.path], project)
assert nmExit == 0 : "nm failed: ${nmErr}"
List<String> functions = nmOut.readLines()
        .collect { it.trim().split(/\s+/) }
        .findAll { it.length == 3 && it[1] == 'T' }
        .collect { it[2] }
assert functions == ['do_stuff'] : "expected exactly one exported function, do_stuff; nm -D --defined-only says:\n${nmOut}"

// 3. A C program linked against the library, alone with it in a fresh folder, finds it via
//    $ORIGIN (no LD_LIBRARY_PATH) and gets the Java result.
File work = Files.createTempDirectory('jembed-archetype-flow').toFile()
boolean passed = false
try {
    Files.copy(so.toPath(), new File(work, so.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
    File exe = new File(work, 'do_stuff_test')
    def (int ccExit, String ccOut, String ccErr) = runCommand(['gcc', '-Wall', '-Wextra', '-Werror',
            '-I', new File(project, 'src/main/c').path,
            '-o', exe.path,
            new File(project, 'src/test/c/do_stuff_test.c').path,
            "-L${work.path}".toString(), "-l${LIB}".toString(),
            '-Wl,-rpath,$ORIGIN'], project)
    assert ccExit == 0 : "gcc failed (exit ${ccExit}):\n${ccOut}${ccErr}"

    Map<String, String> env = new HashMap<>(System.getenv())
    env.remove('LD_LIBRARY_PATH')
    if (!env.containsKey('JAVA_HOME')) {
        env.put('JAVA_HOME', System.getProperty('java.home'))
    }
    def (int exit, String stdout, String stderr) = runCommand([exe.path], work, env)
    assert stdout == EXPECTED_STDOUT : "unexpected stdout of do_stuff_test:\n${stdout}\nstderr:\n${stderr}"
    assert exit == 0 : "do_stuff_test exited with ${exit}; stderr:\n${stderr}"
    passed = true
} finally {
    if (passed) {
        work.deleteDir()
    } else {
        println "archetype-flow: kept ${work} for inspection"
    }
}

return true
