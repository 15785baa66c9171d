// A plain (not setuid) host calling a library built with <trustEnvironment>false</trustEnvironment>, run with each
// environment variable jembed reads pointing at attacker code (a fake JDK whose libjvm.so, and a fake agent, write a
// marker file when loaded): no marker may appear, the call succeeds with the build JDK, and nothing is printed (the
// process is not privileged: its environment is its own user's, and an NSS module must stay silent in every command).
import java.nio.file.Files

// Process.waitFor returns when the process ends, possibly before the threads copying its output have copied
// the last of it: a finished run also joins them.
def finished = { Process proc, List pumps, long seconds ->
    boolean done = proc.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)
    if (done) pumps*.join(10000)
    done
}
def sh = { List cmd, Map env = [:], File dir = null ->
    def pb = new ProcessBuilder(cmd.collect { it.toString() })
    if (dir != null) pb.directory(dir)
    pb.environment().remove('LD_LIBRARY_PATH')
    ['JAVA_HOME', 'JEMBED_JAVA_HOME', 'UNTRUSTING_ADD_JVM_OPTIONS', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS'].each { pb.environment().remove(it) }
    pb.environment().putAll(env)
    def p = pb.start()
    def out = new StringBuilder(), err = new StringBuilder()
    def pumps = [p.consumeProcessOutputStream(out), p.consumeProcessErrorStream(err)]
    if (!finished(p, pumps, 60)) {
        p.destroyForcibly(); p.waitFor(); Thread.sleep(200)
        return [-1, out.toString(), err.toString() + '\n(timed out after 60 s, killed)']
    }
    Thread.sleep(200)
    [p.exitValue(), out.toString(), err.toString()]
}
def top = Files.createTempDirectory('rt-trust-switch').toFile()   // 0700, the build user's: trusted
def (idCode, uid, idErr) = sh(['id', '-u'])
assert uid.trim() == '0' : "this IT needs root, to plant files owned by another user (CI runs as root); id -u says ${uid.trim()}"
def evil = new File(top, 'evil'); new File(evil, 'lib/server').mkdirs()
def markers = new File(top, 'markers'); markers.mkdir()
def lib = new File(basedir, 'target/libuntrusting_add.so')
assert lib.isFile() : 'libuntrusting_add.so was not built'
Files.copy(lib.toPath(), new File(top, lib.name).toPath())
def gcc = { List args -> def (c, o, e) = sh(['gcc', '-Wall', '-Wextra', '-Werror'] + args); assert c == 0 : "gcc failed:\n${e}" }
gcc(["-I${basedir}/src/main/c", "${basedir}/host.c", '-o', "${top}/host", "-L${top}", '-luntrusting_add', '-Wl,-rpath,$ORIGIN'])
gcc(['-shared', '-fPIC', "-DMARKER=\"${markers}/libjvm\"", "${basedir}/evil.c", '-o', "${evil}/lib/server/libjvm.so"])
gcc(['-shared', '-fPIC', "-DMARKER=\"${markers}/agent\"", "${basedir}/evil.c", '-o', "${evil}/agent.so"])

def attacks = [
    'JEMBED_JAVA_HOME'          : [JEMBED_JAVA_HOME: evil.absolutePath],
    'UNTRUSTING_ADD_JVM_OPTIONS': [UNTRUSTING_ADD_JVM_OPTIONS: "-agentpath:${evil}/agent.so".toString()],
    'JAVA_HOME'                 : [JAVA_HOME: evil.absolutePath],
    'all three'                 : [JEMBED_JAVA_HOME: evil.absolutePath, UNTRUSTING_ADD_JVM_OPTIONS: "-agentpath:${evil}/agent.so".toString(),
                                   JAVA_HOME: evil.absolutePath],
]
def failures = []
attacks.each { what, env ->
    markers.listFiles().each { it.delete() }
    def (code, out, err) = sh(["${top}/host"], env, top)
    def ran = markers.listFiles().collect { it.name + ': ' + it.text.trim() }
    println "== ${what}: exit status ${code}\nstdout:\n${out}stderr:\n${err}markers: ${ran ?: 'none'}\n"
    if (!ran.isEmpty()) failures << "${what}: attacker code ran: ${ran}"
    if (code != 0) failures << "${what}: exit status ${code}"
    if (out != 'add(2, 3) = 5\n') failures << "${what}: stdout was:\n${out}"
    if (err != '') failures << "${what}: stderr was not empty:\n${err}"
}
// JAVA_TOOL_OPTIONS / _JAVA_OPTIONS: HotSpot itself reads them in this process (equal ids), so the library hides them
// from the JVM's creation: no agent runs, the call works, nothing is printed (no "Picked up ..." either).
def agent = "-agentpath:${evil}/agent.so".toString()
[JAVA_TOOL_OPTIONS: agent, _JAVA_OPTIONS: agent].each { name, value ->
    markers.listFiles().each { it.delete() }
    def (code, out, err) = sh(["${top}/host"], [(name): value], top)
    def ran = markers.listFiles().collect { it.name + ': ' + it.text.trim() }
    println "== ${name}: exit status ${code}\nstdout:\n${out}stderr:\n${err}markers: ${ran ?: 'none'}\n"
    if (!ran.isEmpty()) failures << "${name}: attacker code ran: ${ran}"
    if (code != 0) failures << "${name}: exit status ${code}"
    if (out != 'add(2, 3) = 5\n') failures << "${name}: stdout was:\n${out}"
    if (err != '') failures << "${name}: stderr was not empty:\n${err}"
}
// Files too: a runtime "bundled beside the library" ($ORIGIN/jre) that another user could have planted is refused, with
// a message, and the build JDK is used instead.
def jre = new File(top, 'jre'); new File(jre, 'lib/server').mkdirs()
Files.copy(new File(evil, 'lib/server/libjvm.so').toPath(), new File(jre, 'lib/server/libjvm.so').toPath())
def planted = [
    'jre writable by every user': { sh(['chmod', '0777', jre.absolutePath]) },
    'libjvm.so owned by uid 65534': { sh(['chmod', '0755', jre.absolutePath]); sh(['chown', '65534', "${jre}/lib/server/libjvm.so"]) },
]
def reasons = ['jre writable by every user': "${jre.canonicalPath} is writable by every user", 'libjvm.so owned by uid 65534': 'is owned by uid 65534']
planted.each { what, plant ->
    plant()
    markers.listFiles().each { it.delete() }
    def (code, out, err) = sh(["${top}/host"], [:], top)
    def ran = markers.listFiles().collect { it.name + ': ' + it.text.trim() }
    println "== ${what}: exit status ${code}\nstdout:\n${out}stderr:\n${err}markers: ${ran ?: 'none'}\n"
    if (!ran.isEmpty()) failures << "${what}: attacker code ran: ${ran}"
    if (code != 0) failures << "${what}: exit status ${code}"
    if (out != 'add(2, 3) = 5\n') failures << "${what}: stdout was:\n${out}"
    if (!err.contains('refused ' + new File(jre, 'lib/server/libjvm.so').canonicalPath) || !err.contains(reasons[what])) {
        failures << "${what}: stderr does not say that the planted libjvm.so was refused and why"
    }
}
top.deleteDir()
assert failures.isEmpty() : failures.join('\n')
return true
