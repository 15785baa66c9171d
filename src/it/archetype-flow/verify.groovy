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
import java.util.concurrent.TimeUnit

final String LIB = 'my_plugin'
final String EXPECTED_STDOUT = 'adding 3 and 4\nresult: 7\n'

File project = new File(basedir, 'generated/my-plugin')
assert new File(project, 'pom.xml').isFile() : "archetype:generate did not create ${project}/pom.xml"
assert new File(project, 'README.md').text.contains('libmy_plugin.so') : 'the generated project has no README.md'
assert new File(project, '.gitignore').text.contains('target/') : 'the generated project has no .gitignore'


/** Runs a command; returns [exit code, stdout, stderr]. Fails the IT when it does not end in time. */
def runCommand(List<String> command, File dir, Map<String, String> env = null, long minutes = 2) {
    File out = File.createTempFile('jembed-it-out', '.txt')
    File err = File.createTempFile('jembed-it-err', '.txt')
    try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir)
                .redirectOutput(out).redirectError(err)
        if (env != null) {
            pb.environment().clear()
            pb.environment().putAll(env)
        }
        Process p = pb.start()
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly()
            assert false : "timed out after ${minutes} min: ${command.join(' ')}\nstdout:\n${out.text}\nstderr:\n${err.text}"
        }
        return [p.exitValue(), out.getText('UTF-8'), err.getText('UTF-8')]
    } finally {
        out.delete()
        err.delete()
    }
}

/*
 * The settings for the nested build. The Invoker passes its settingsFile (src/it/settings.xml,
 * a mirror to the real local repository) to each IT build only after replacing its @...@
 * tokens (e.g. @localRepositoryUrl@), and writes that copy as interpolated-settings.xml into
 * cloneProjectsTo, i.e. next to this IT's folder (checked with maven-invoker-plugin 3.10.1, which
 * deletes it only after all IT runs); that is exactly what the archetype:generate run used. Fall back to the raw src/it/settings.xml found by walking up from basedir
 * (works only if it has no @...@ tokens).
 */
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

File settings = findSettings(basedir)
assert settings != null : "no interpolated-settings.xml next to ${basedir} and no src/it/settings.xml above it"
println "archetype-flow: nested build uses settings ${settings} and local repository ${localRepositoryPath}"

// 1. mvn verify in the generated project, with the Maven that runs the Invoker.
String mavenHome = System.getProperty('maven.home')
assert mavenHome != null : 'system property maven.home is not set'
File mvn = new File(mavenHome, 'bin/mvn')
assert mvn.canExecute() : "${mvn} is not executable"

File buildLog = new File(basedir, 'generated-build.log')
ProcessBuilder build = new ProcessBuilder(mvn.path, '-B', '-e',
        '-s', settings.path,
        "-Dmaven.repo.local=${new File(localRepositoryPath.toString()).absolutePath}".toString(),
        'verify')
        .directory(project)
        .redirectErrorStream(true)
        .redirectOutput(buildLog)
if (!build.environment().containsKey('JAVA_HOME')) {
    build.environment().put('JAVA_HOME', System.getProperty('java.home'))
}
Process mvnProcess = build.start()
boolean finished = mvnProcess.waitFor(20, TimeUnit.MINUTES)
if (!finished) {
    mvnProcess.destroyForcibly()
}
if (!finished || mvnProcess.exitValue() != 0) {
    println "---- ${buildLog} ----"
    println buildLog.getText('UTF-8')
    println '---- end of nested build log ----'
}
assert finished : "nested 'mvn verify' did not finish within 20 minutes (log: ${buildLog})"
assert mvnProcess.exitValue() == 0 : "nested 'mvn verify' failed with exit code ${mvnProcess.exitValue()} (log: ${buildLog})"

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
