// The NSS passwd module "jx" (Java) installed only inside mount namespaces of its own: each case runs one program
// under `unshare -m` with a private /etc/nsswitch.conf bind-mounted over the real one (the machine's /etc is never
// touched) and the module found through LD_LIBRARY_PATH, with a time limit; the answer is checked and stderr must be
// empty. Then the same for the library built with <shortLived>true</shortLived> and <dispatch>ffm</dispatch> (a nested
// build). Needs root (unshare, mount), as CI runs.
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

evaluate(new File(itCommon))

def (idCode, uid, idErr) = timedRun(basedir, ['id', '-u'])
assert uid.trim() == '0' : "this IT needs root for unshare -m and mount (CI runs as root); id -u says ${uid.trim()}"

def top = Files.createTempDirectory('rt-nss-module', PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString('rwxr-xr-x'))).toFile()
def install = { ->
    def lib = new File(basedir, 'target/libnss_jx.so')
    assert lib.isFile() : 'libnss_jx.so was not built'
    Files.copy(lib.toPath(), new File(top, 'libnss_jx.so.2').toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
}
def conf = { String passwd ->
    def f = new File(top, "nsswitch-${passwd.replace(' ', '-')}.conf")
    f.text = "passwd: ${passwd}\ngroup: files\nshadow: files\nhosts: files\n"
    f
}
def first = conf('jx files'), last = conf('files jx')
def erange = new File(top, 'erange')
def (gccCode, gccOut, gccErr) = timedRun(basedir, ['gcc', '-Wall', '-Wextra', '-Werror', 'erange.c', '-o', erange.path])
assert gccCode == 0 : "gcc failed:\n${gccErr}"

// Runs command with conf as /etc/nsswitch.conf in a mount namespace of its own (private propagation: the bind mount
// is gone with the process).
def inNamespace = { File nsswitch, List command, Map env = [:] ->
    def script = 'mount --bind "$0" /etc/nsswitch.conf && exec "$@"'
    timedRun(top, ['unshare', '-m', 'sh', '-c', script, nsswitch.path] + command,
            [LD_LIBRARY_PATH: top.path] + env, 60)
}

def failures = []
def build = 'default build'
def check = { String what, File nsswitch, List command, Map env, Closure<Boolean> answerOk, String expectedErr = '' ->
    def (code, out, err) = inNamespace(nsswitch, command, env)
    what = "${build}, ${what}"
    println "== ${what}: ${command.join(' ')} (passwd: ${nsswitch.text.readLines()[0] - 'passwd: '}) -> exit ${code}\n" +
            "stdout:\n${out}stderr:\n${err}"
    if (code != 0) failures << "${what}: exit status ${code}"
    if (!answerOk(out)) failures << "${what}: unexpected answer:\n${out}"
    if (err != expectedErr) failures << "${what}: stderr was not ${expectedErr ? 'the one expected line' : 'empty'}:\n${err}"
}
def line = { String expected -> { String out -> out == expected + '\n' } }
def bob = 'bob:x:70002:70002:Bob:/home/bob:/bin/sh'
def root = 'root:x:0:0:root:/root:/bin/bash'
def big = 'big:x:70003:70003:' + 'B' * 2048 + ':/home/big:/bin/sh'

def cases = { ->
    // getpwuid() as the process's first call into the module: glibc holds getpwuid's lock while the JVM starts, and the
    // JVM's own start asks getpwuid(getuid()) (libjava's GetJavaProperties).
    check('first call getpwuid, module last', last, ['getent', 'passwd', '70002'], [:], line(bob))
    check('first call getpwuid, module first', first, ['getent', 'passwd', '70002'], [:], line(bob))
    // Module first: the JVM's start re-enters the module, which answers "unavailable" quietly; files answers root.
    check('module first, a name files has', first, ['getent', 'passwd', 'root'], [:], line(root))
    check('module first, getpwuid(0)', first, ['getent', 'passwd', '0'], [:], line(root))
    check('module first, whoami', first, ['whoami'], [:], line('root'))
    check('module first, id', first, ['id', 'alice'], [:], line('uid=70001(alice) gid=70001 groups=70001'))
    // runuser looks alice up, then changes its groups and ids in the usual order (groups first): the JVM's threads follow.
    check('runuser', first, ['runuser', '-u', 'alice', '--', 'id', '-un'], [:], line('alice'))
    // setpriv changes its uid before its gid keeping its capabilities; glibc would abort it once the JVM's threads exist:
    // the module refuses to start there, with one line, and setpriv goes on with the number.
    check('setpriv', last, ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'id', '-u'], [:], line('65534'),
            'jembed: nss_jx: not started: setpriv changes its user id before its group ids, keeping its capabilities, and'
            + ' glibc aborts such a process once it has other threads (the JVM\'s); every function of this library returns'
            + ' its error value\n')
    // Variables a user may have set in the environment of any command: nothing printed, nothing read.
    def java17 = '/usr/lib/jvm/java-17-openjdk-amd64'
    check('JAVA_HOME set', last, ['getent', 'passwd', '70002'], [JAVA_HOME: java17, JEMBED_JAVA_HOME: java17], line(bob))
    check('JAVA_TOOL_OPTIONS and _JAVA_OPTIONS set', last, ['getent', 'passwd', 'bob'],
            [JAVA_TOOL_OPTIONS: '-agentpath:/nonexistent/libagent.so', _JAVA_OPTIONS: '-Xmx1k'], line(bob))
    // A 2 KB entry, larger than glibc's first buffer (1 KB): the module writes ERANGE through errnop (== &errno) and
    // returns NSS_STATUS_TRYAGAIN; the errno reaches glibc, which retries with a larger buffer (issue #17, item 3).
    check('a 2 KB entry', last, ['getent', 'passwd', 'big'], [:], line(big))
    check('a 2 KB entry, enumerated', last, ['getent', 'passwd'], [:], { String out ->
        def lines = out.readLines(); lines.contains(big) && lines.contains(bob) && lines.contains(root) })
    check('getpwnam_r with 100 bytes', last, [erange.path, 'big', '100'], [:], line('ERANGE'))
    check('getpwnam_r with 4096 bytes', last, [erange.path, 'big', '4096'], [:], line('0 big gecos 2048'))
}

install()
cases()
// The same library built for short-lived hosts (-Xint -XX:+DisableAttachMechanism) with every call an FFM upcall.
def log = new File(basedir, 'short-lived-build.log')
assert mavenBuild(basedir, ['-Djembed.shortLived=true', '-Djembed.dispatch=ffm', 'package'], log) == 0 :
        "the nested build failed (${log})"
assert new File(basedir, 'target/libnss_jx.so').getText('ISO-8859-1').contains('-XX:+DisableAttachMechanism') :
        'the <shortLived> options are not in the library'
build = 'shortLived, dispatch ffm'
install()
cases()

top.deleteDir()
assert failures.isEmpty() : failures.join('\n')
return true
