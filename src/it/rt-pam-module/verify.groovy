// The PAM module (Java) configured only inside mount namespaces of its own: each case runs one program under
// `unshare -m` with a private /etc/pam.d bind-mounted over the real one (the machine's /etc is never touched), with a
// time limit: pamtester, and pam_host.c, which authenticates, gives up root (setresgid, setgroups, setresuid) and calls
// the module again. The answers are checked and stderr must hold nothing but pamtester's own lines. Then the same for
// the library built with <shortLived>true</shortLived> and <dispatch>ffm</dispatch> (a nested build). Needs root.
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.PosixFilePermissions

evaluate(new File(itCommon))

def (idCode, uid, idErr) = timedRun(basedir, ['id', '-u'])
assert uid.trim() == '0' : "this IT needs root for unshare -m and mount (CI runs as root); id -u says ${uid.trim()}"

def top = Files.createTempDirectory('rt-pam-module', PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString('rwxr-xr-x'))).toFile()
def module = new File(top, 'pam_jx.so')
def install = { ->
    def lib = new File(basedir, 'target/libpam_jx.so')
    assert lib.isFile() : 'libpam_jx.so was not built'
    Files.copy(lib.toPath(), module.toPath(), StandardCopyOption.REPLACE_EXISTING)
}
def pamd = new File(top, 'pam.d')
pamd.mkdir()
new File(pamd, 'jx-test').text = "auth required ${module}\naccount required pam_permit.so\n"
def host = new File(top, 'pam_host')
def (gccCode, gccOut, gccErr) = timedRun(basedir, ['gcc', '-Wall', '-Wextra', '-Werror', 'pam_host.c', '-o', host.path,
        '-lpam'])
assert gccCode == 0 : "gcc failed (install libpam0g-dev):\n${gccErr}"

// Runs command with the private pam.d in a mount namespace of its own (gone with the process).
def inNamespace = { List command, Map env ->
    def script = 'mount --bind "$0" /etc/pam.d && exec "$@"'
    timedRun(top, ['unshare', '-m', 'sh', '-c', script, pamd.path] + command, env, 60)
}

def failures = []
def build = 'default build'
def check = { String what, List command, Map env, int expectedCode, String expectedOut, String expectedErr ->
    def (code, out, err) = inNamespace(command, env)
    what = "${build}, ${what}"
    println "== ${what}: ${command.join(' ')} -> exit ${code}\nstdout:\n${out}stderr:\n${err}"
    if (code != expectedCode) failures << "${what}: exit status ${code}, expected ${expectedCode}"
    if (out != expectedOut) failures << "${what}: unexpected stdout:\n${out}"
    if (err != expectedErr) failures << "${what}: unexpected stderr:\n${err}"
}
def authenticated = { int as -> """uid ${as}: alice: Success
uid ${as}: mallory: User not known to the underlying authentication module
""" }
def hostOut = authenticated(0) + 'now uid 65534 gid 65534\n' + authenticated(65534)
def java17 = '/usr/lib/jvm/java-17-openjdk-amd64'

def cases = { ->
    check('pamtester, a known user', ['pamtester', 'jx-test', 'alice', 'authenticate'], [:], 0,
            'pamtester: successfully authenticated\n', '')
    check('pamtester, an unknown user', ['pamtester', 'jx-test', 'mallory', 'authenticate'], [:], 1, '',
            'pamtester: User not known to the underlying authentication module\n')
    // authenticated as root, then the module again after the process became uid 65534: the JVM's threads followed
    check('authenticate, drop root, authenticate', [host.path, 'jx-test', 'alice', '65534'], [:], 0, hostOut, '')
    check('JAVA_HOME, JAVA_TOOL_OPTIONS and _JAVA_OPTIONS set', [host.path, 'jx-test', 'alice', '65534'],
            [JAVA_HOME: java17, JEMBED_JAVA_HOME: java17, JAVA_TOOL_OPTIONS: '-agentpath:/nonexistent/libagent.so',
             _JAVA_OPTIONS: '-Xmx1k'], 0, hostOut, '')
    // a host that is not root at all: the JVM starts as uid 65534
    check('an unprivileged host', ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', host.path, 'jx-test',
                                   'alice', '-'], [:], 0, authenticated(65534), '')
}

install()
cases()
def log = new File(basedir, 'short-lived-build.log')
assert mavenBuild(basedir, ['-Djembed.shortLived=true', '-Djembed.dispatch=ffm', 'package'], log) == 0 :
        "the nested build failed (${log})"
build = 'shortLived, dispatch ffm'
install()
cases()

top.deleteDir()
assert failures.isEmpty() : failures.join('\n')
return true
