// A setuid-root host linked against the library, run as uid 65534 with each environment variable jembed reads pointing
// at attacker code (a fake JDK whose libjvm.so, and a fake agent, write a marker file when loaded): no marker may
// appear, the call succeeds with the build JDK, and one stderr line names the variables that were actually ignored
// (JAVA_HOME, searched last, only when the search would have reached it: here the build JDK comes first). Needs root
// (CI runs as root).
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

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
    ['JAVA_HOME', 'JEMBED_JAVA_HOME', 'SECURE_ADD_JVM_OPTIONS', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS'].each { pb.environment().remove(it) }
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
def (idCode, uid, idErr) = sh(['id', '-u'])
assert uid.trim() == '0' : "this IT needs root, to install a setuid-root host (CI runs as root); id -u says ${uid.trim()}"

def perms755 = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString('rwxr-xr-x'))
def top = Files.createTempDirectory('rt-secure-mode', perms755).toFile()   // only root can write here
def suid = new File(top, 'suid'); suid.mkdir()
def evil = new File(top, 'evil'); new File(evil, 'lib/server').mkdirs()
def markers = new File(top, 'markers'); markers.mkdir()
Files.setPosixFilePermissions(markers.toPath(), PosixFilePermissions.fromString('rwxrwxrwx'))
[suid, evil, new File(evil, 'lib'), new File(evil, 'lib/server')].each { Files.setPosixFilePermissions(it.toPath(), PosixFilePermissions.fromString('rwxr-xr-x')) }

def lib = new File(basedir, 'target/libsecure_add.so')
assert lib.isFile() : 'libsecure_add.so was not built'
Files.copy(lib.toPath(), new File(suid, lib.name).toPath())
def gcc = { List args -> def (c, o, e) = sh(['gcc', '-Wall', '-Wextra', '-Werror'] + args); assert c == 0 : "gcc failed:\n${e}" }
gcc(["-I${basedir}/src/main/c", "${basedir}/host.c", '-o', "${suid}/host", "-L${suid}", '-lsecure_add', "-Wl,-rpath,${suid}"])
gcc(['-shared', '-fPIC', "-DMARKER=\"${markers}/libjvm\"", "${basedir}/evil.c", '-o', "${evil}/lib/server/libjvm.so"])
gcc(['-shared', '-fPIC', "-DMARKER=\"${markers}/agent\"", "${basedir}/evil.c", '-o', "${evil}/agent.so"])
// The same host with a file capability instead of setuid: AT_SECURE is set but the ids stay equal, so HotSpot itself
// reads JAVA_TOOL_OPTIONS and _JAVA_OPTIONS (measured): jembed must not let it.
gcc(["-I${basedir}/src/main/c", "${basedir}/host.c", '-o', "${suid}/caphost", "-L${suid}", '-lsecure_add', "-Wl,-rpath,${suid}"])
sh(['chown', '-R', 'root:root', top.absolutePath])
sh(['chmod', '4755', "${suid}/host"])
def (capCode, capOut, capErr) = sh(['setcap', 'cap_net_bind_service+ep', "${suid}/caphost"])
assert capCode == 0 : "setcap failed (install libcap2-bin):\n${capErr}"
sh(['chmod', '0755', "${suid}/libsecure_add.so", "${evil}/lib/server/libjvm.so", "${evil}/agent.so"])

def attacks = [
    'JEMBED_JAVA_HOME'      : [JEMBED_JAVA_HOME: evil.absolutePath],
    'SECURE_ADD_JVM_OPTIONS': [SECURE_ADD_JVM_OPTIONS: "-agentpath:${evil}/agent.so".toString()],
    'JAVA_HOME'             : [JAVA_HOME: evil.absolutePath],
    'all three'             : [JEMBED_JAVA_HOME: evil.absolutePath, SECURE_ADD_JVM_OPTIONS: "-agentpath:${evil}/agent.so".toString(),
                               JAVA_HOME: evil.absolutePath],
    // Harmless values are ignored too (the build JDK is used, the call works): secure mode never looks at a value.
    'JEMBED_JAVA_HOME at the real JDK': [JEMBED_JAVA_HOME: System.getProperty('java.home')],
    'no attack'             : [:],
]
// What the one line must name: every variable set, but JAVA_HOME, which the search never reaches (the build JDK is there).
def named = { Map env -> env.keySet().findAll { it != 'JAVA_HOME' } }
def failures = []
def agent = "-agentpath:${evil}/agent.so".toString()
[JAVA_TOOL_OPTIONS: agent, _JAVA_OPTIONS: agent].each { name, value ->
    markers.listFiles().each { it.delete() }
    def (code, out, err) = sh(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', "${suid}/caphost"], [(name): value], top)
    def ran = markers.listFiles().collect { it.name + ': ' + it.text.trim() }
    println "== ${name}, file-capability host: exit status ${code}\nstdout:\n${out}stderr:\n${err}markers: ${ran ?: 'none'}\n"
    if (!ran.isEmpty()) failures << "${name}, file-capability host: attacker code ran: ${ran}"
    if (code != 0) failures << "${name}, file-capability host: exit status ${code}"
    // HotSpot would read the variable: the library hides it from the JVM's creation and says so.
    if (out != 'real uid 65534, effective uid 65534\nadd(2, 3) = 5\n') {
        failures << "${name}, file-capability host: stdout was:\n${out}"
    }
    if (!(err =~ /ignored ${name} from the environment/)) failures << "${name}, file-capability host: stderr does not name ${name}"
}
attacks.each { what, env ->
    markers.listFiles().each { it.delete() }
    def (code, out, err) = sh(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', "${suid}/host"], env, top)
    def ran = markers.listFiles().collect { it.name + ': ' + it.text.trim() }
    println "== ${what}: exit status ${code}\nstdout:\n${out}stderr:\n${err}markers: ${ran ?: 'none'}\n"
    if (!ran.isEmpty()) failures << "${what}: attacker code ran: ${ran}"
    if (code != 0) failures << "${what}: exit status ${code}"
    if (out != 'real uid 65534, effective uid 0\nadd(2, 3) = 5\n') failures << "${what}: stdout was:\n${out}"
    named(env).each { name ->
        if (!(err =~ /(?s)ignor.*${name}|${name}.*ignor/)) failures << "${what}: stderr does not say that ${name} was ignored"
    }
    if (named(env).isEmpty() && err.contains('ignored')) failures << "${what}: stderr reports ignored variables:\n${err}"
    if (err.readLines().count { it.contains('ignored') } > 1) failures << "${what}: more than one line of ignored variables"
}
top.deleteDir()
assert failures.isEmpty() : failures.join('\n')
return true
