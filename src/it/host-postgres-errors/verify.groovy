// PostgreSQL's errors raised in and from Java, on a server of this IT's own (as host-postgres runs it): each failing
// query gives psql an ERROR with its message and the session goes on; pgbench's clients run jadd meanwhile, none fails.
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

evaluate(new File(itCommon))

def lib = new File(basedir, 'target/jpge.so')
assert lib.isFile() : "no ${lib}"

def bin = new File('/usr/lib/postgresql/15/bin')
assert new File(bin, 'pg_ctl').canExecute() : "no ${bin}/pg_ctl: install postgresql-15 (.ci/run does)"
assert runCommand(['id', '-u'], basedir)[1].trim() == '0' : 'this IT runs the server as the postgres user through runuser: it needs root (CI runs as root)'
assert runCommand(['id', 'postgres'], basedir)[0] == 0 : 'no postgres user (Debian: postgresql-15 creates it)'
def asPostgres = { List command, Map env = [:] ->
    timedRun(basedir, ['runuser', '-u', 'postgres', '--'] + command, env, 60)
}
// the backend starts the JVM the library was built with: the postgres user must be able to read it
String jdk = System.getProperty('java.home')
assert asPostgres(['test', '-r', "${jdk}/lib/server/libjvm.so"])[0] == 0 :
        "the postgres user cannot read ${jdk}/lib/server/libjvm.so, the JDK the library was built with (and starts)"

def top = Files.createTempDirectory('host-postgres-errors', PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString('rwxr-xr-x'))).toFile()
def data = new File(top, 'data'), sock = new File(top, 'sock'), log = new File(top, 'postgres.log')
File copy = new File(top, 'lib/jpge.so')
def started = false
String stopError = null, serverLog = ''
try {
    copy.parentFile.mkdirs()
    Files.copy(lib.toPath(), copy.toPath())
    [top, copy.parentFile, copy].each { Files.setPosixFilePermissions(it.toPath(), PosixFilePermissions.fromString('rwxr-xr-x')) }
    [data, sock].each { it.mkdir() }
    log.text = ''
    assert runCommand(['chown', 'postgres:', data.path, sock.path, log.path], top)[0] == 0

    def init = asPostgres(["${bin}/initdb", '-D', data.path, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
    assert init[0] == 0 : "initdb failed:\n${init[1]}${init[2]}"
    def start = asPostgres(["${bin}/pg_ctl", '-D', data.path, '-l', log.path, '-w', '-t', '30',
                            '-o', "-c listen_addresses='' -k ${sock} -c fsync=off -c max_connections=10", 'start'],
                           [JEMBED_TRACE: '1'])   // the backends' stderr goes to the log: the start's phases, the switch
    started = new File(data, 'postmaster.pid').isFile()
    assert start[0] == 0 : "pg_ctl start failed:\n${start[1]}${start[2]}\n${log.text}"

    def bench = new File(top, 'bench.sql')
    bench.text = "SELECT jadd(1, 2);\n"
    def setup = new File(top, 'setup.sql')
    setup.text = """\\set ON_ERROR_STOP 1
CREATE FUNCTION jalloc(int8) RETURNS int8 AS '${copy}', 'jalloc' LANGUAGE C STRICT;
CREATE FUNCTION jalloc_or_minus1(int8) RETURNS int8 AS '${copy}', 'jalloc_or_minus1' LANGUAGE C STRICT;
CREATE FUNCTION jraise(int4) RETURNS int4 AS '${copy}', 'jraise' LANGUAGE C STRICT;
CREATE FUNCTION jthrow(int4) RETURNS int4 AS '${copy}', 'jthrow' LANGUAGE C STRICT;
CREATE FUNCTION jadd(int4, int4) RETURNS int4 AS '${copy}', 'jadd' LANGUAGE C STRICT;
"""
    def psqlCommand = ['psql', '-h', sock.path, '-U', 'postgres', '-d', 'postgres', '-X', '-A', '-t', '-q']
    def created = timedRun(top, psqlCommand + ['-f', setup.path], [:], 60)
    assert created[0] == 0 : "CREATE FUNCTION failed:\n${created[2]}"
    // pgbench's two clients call jadd for 8 s while one session raises errors in and from Java
    def pgbench = new ProcessBuilder(["${bin}/pgbench", '-h', sock.path, '-U', 'postgres', '-n', '-c', '2', '-T', '8',
                                      '-f', bench.path, 'postgres'].collect { it.toString() }).directory(top)
            .redirectErrorStream(true).start()
    def pgbenchOut = new StringBuilder()
    def pump = pgbench.consumeProcessOutputStream(pgbenchOut)
    def sql = new File(top, 'errors.sql')
    def rounds = 200
    sql.text = (1..rounds).collect { i -> """SELECT 'alloc ' || jalloc(${i});
SELECT jalloc(2000000000);
SELECT 'handled ' || jalloc_or_minus1(2000000000);
SELECT jraise(${i});
SELECT jthrow(${i});
""" }.join('') + "SELECT 'add ' || jadd(40, 2);\n"
    def psql = timedRun(top, psqlCommand + ['-f', sql.path], [:], 120)
    assert pgbench.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : 'pgbench did not end'
    pump.join(10000)
    println "psql -> exit ${psql[0]}\n--- stdout (head)\n${psql[1].readLines().take(6).join('\n')}\n--- stderr (head)\n${psql[2].readLines().take(6).join('\n')}\n---"
    println "pgbench:\n${pgbenchOut}"
    def out = psql[1].readLines(), err = psql[2].readLines()
    assert out.count { it.startsWith('alloc ') } == rounds
    assert out.count { it == 'handled -1' } == rounds
    assert out.last() == 'add 42' : 'the session did not go on after the errors'
    assert err.count { it.contains('ERROR:  invalid memory alloc request size 2000000000') } == rounds
    assert (1..rounds).every { i -> err.any { it.contains("ERROR:  jraise ${i}") } }
    assert (1..rounds).every { i -> err.any { it.contains("ERROR:  java.lang.IllegalArgumentException: jthrow ${i}") } }
    assert pgbench.exitValue() == 0 : "pgbench failed"
    assert pgbenchOut =~ /number of failed transactions: 0/
    assert (pgbenchOut =~ /number of transactions actually processed: (\d+)/)[0][1].toInteger() > 100
} finally {
    // stopped by pg_ctl, else by its pid (the first line of postmaster.pid); then the folder goes
    if (started) {
        def stop = asPostgres(["${bin}/pg_ctl", '-D', data.path, '-w', '-t', '30', '-m', 'fast', 'stop'])
        if (stop[0] != 0) {
            stopError = "pg_ctl stop failed:\n${stop[1]}${stop[2]}"
            def pidFile = new File(data, 'postmaster.pid')
            if (pidFile.isFile()) {
                runCommand(['kill', '-KILL', pidFile.readLines()[0].trim()], top)
            }
        }
    }
    serverLog = log.isFile() ? log.text : ''
    println "---- server log\n${serverLog}----"
    top.deleteDir()
}
assert stopError == null : stopError
assert !top.exists()
assert serverLog.contains('database system is shut down')
assert serverLog.contains('jthrow threw a Java exception; raising it as the host')
assert !serverLog.contains('terminated by signal') && !serverLog.contains('FATAL') && !serverLog.contains('PANIC') :
        'the server log has a crash'
return true
