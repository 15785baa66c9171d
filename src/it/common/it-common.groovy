/*
 * Shared by the ITs' scripts: `evaluate(new File(itCommon))` (itCommon is an Invoker script variable set in
 * embed-maven-plugin/pom.xml), with their binding: basedir, localRepositoryPath. Defines, as binding variables:
 *   timedRun(File dir, List command, Map env = [:], long seconds = 60) -> [exit, stdout, stderr]: this process's
 *       environment without LD_LIBRARY_PATH, plus env; a run that outlives its time is killed and gives exit -1
 *   runCommand(List command, File dir, Map env = null, long minutes = 2) -> [exit, stdout, stderr]
 *   mavenBuild(File project, List<String> args, File log) -> exit code of a nested `mvn` run with the Invoker's
 *       settings and local repository (as archetype-flow runs its generated project)
 *   cleanEnv() -> this process's environment without any JDK location (JAVA_HOME, JEMBED_JAVA_HOME) or
 *       LD_LIBRARY_PATH: a program of another platform must find no JVM
 *   assertShownOnPage(String page, List<String> files): the site page site/src/site/markdown/<page> (found above
 *       basedir) shows each of this project's files (paths relative to basedir) verbatim as a fenced code block, and
 *       the embed-maven-plugin <configuration> element of its pom.xml as an xml block
 */
import java.util.concurrent.TimeUnit

timedRun = { File dir, List command, Map env = [:], long seconds = 60 ->
    ProcessBuilder pb = new ProcessBuilder(command.collect { it.toString() }).directory(dir)
    pb.environment().remove('LD_LIBRARY_PATH')
    env.each { k, v -> pb.environment().put(k.toString(), v.toString()) }
    Process p = pb.start()
    StringBuilder out = new StringBuilder(), err = new StringBuilder()
    List<Thread> pumps = [p.consumeProcessOutputStream(out), p.consumeProcessErrorStream(err)]
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly()
        p.waitFor()
        pumps*.join(10000)
        return [-1, out.toString(), err.toString() + "\n(timed out after ${seconds} s, killed)"]
    }
    // waitFor returns when the process ends, possibly before the pumps copied the last of its output
    pumps*.join(10000)
    return [p.exitValue(), out.toString(), err.toString()]
}

runCommand = { List command, File dir, Map env = null, long minutes = 2 ->
    File out = File.createTempFile('jembed-it-out', '.txt')
    File err = File.createTempFile('jembed-it-err', '.txt')
    try {
        ProcessBuilder pb = new ProcessBuilder(command.collect { it.toString() }).directory(dir)
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

cleanEnv = { ->
    Map<String, String> env = new HashMap<>(System.getenv())
    ['JAVA_HOME', 'JEMBED_JAVA_HOME', 'LD_LIBRARY_PATH', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS'].each { env.remove(it) }
    return env
}

/* The Invoker's interpolated settings (see archetype-flow/verify.groovy), else the raw src/it/settings.xml. */
File settingsFile(File dir) {
    File interpolated = new File(dir.parentFile, 'interpolated-settings.xml')
    if (interpolated.isFile()) {
        return interpolated
    }
    for (File d = dir.canonicalFile; d != null; d = d.parentFile) {
        File raw = new File(d, 'src/it/settings.xml')
        if (raw.isFile() && !raw.canonicalPath.startsWith(dir.canonicalPath)) {
            return raw
        }
    }
    return null
}

File settings = settingsFile(basedir)
assert settings != null : "no interpolated-settings.xml next to ${basedir} and no src/it/settings.xml above it"

mavenBuild = { File project, List<String> args, File log ->
    File mvn = new File(System.getProperty('maven.home'), 'bin/mvn')
    assert mvn.canExecute() : "${mvn} is not executable"
    List<String> command = [mvn.path, '-B', '-e', '-s', settings.path,
            "-Dmaven.repo.local=${new File(localRepositoryPath.toString()).absolutePath}".toString()] + args
    ProcessBuilder build = new ProcessBuilder(command).directory(project).redirectErrorStream(true).redirectOutput(log)
    if (!build.environment().containsKey('JAVA_HOME')) {
        build.environment().put('JAVA_HOME', System.getProperty('java.home'))
    }
    Process p = build.start()
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly()
        assert false : "nested mvn ${args.join(' ')} did not finish within 10 minutes (log: ${log})"
    }
    if (p.exitValue() != 0) {
        println "---- ${log} ----"
        println log.getText('UTF-8')
        println '---- end of nested build log ----'
    }
    return p.exitValue()
}

assertShownOnPage = { String page, List<String> files ->
    File md = null
    for (File dir = basedir.canonicalFile; dir != null && md == null; dir = dir.parentFile) {
        File f = new File(dir, "site/src/site/markdown/${page}")
        if (f.isFile()) md = f
    }
    assert md != null : "site/src/site/markdown/${page} not found above ${basedir}"
    def blocks = (md.getText('UTF-8') =~ /(?ms)^```\w*\n(.*?)^```/).collect { it[1] }
    files.each { String path ->
        String text = new File(basedir, path).getText('UTF-8')
        assert blocks.contains(text.endsWith('\n') ? text : text + '\n') : "${md.name} does not show ${path} as it is: copy it there"
    }
    String pom = new File(basedir, 'pom.xml').getText('UTF-8')
    def configuration = (pom =~ /(?ms)^( *<configuration>\n.*?<\/configuration>\n)/)
    assert configuration.find() : "no <configuration> in ${basedir}/pom.xml"
    assert blocks.contains(configuration.group(1)) : "${md.name} does not show the <configuration> of ${basedir.name}/pom.xml as it is"
}
