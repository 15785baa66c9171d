// A PostgreSQL 15 server of this IT's own, run as the postgres user (PostgreSQL refuses root) in a temporary folder
// (data directory, Unix socket, the library), no TCP: CREATE FUNCTION loads jpg.so, psql checks each function's
// results, then 20,000 rows (past the switch to FFM upcall stubs); the server is stopped by pg_ctl (else by its
// pid) and the folder removed.
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

evaluate(new File(itCommon))

// the site's "Writing a plugin for a host" shows this project as it is
assertShownOnPage('hosts.md', ['src/main/c/jpg.h', 'src/main/c/jpg.c', 'src/main/java/org/example/jpg/Jpg.java'])

def lib = new File(basedir, 'target/jpg.so')
assert lib.isFile() : "no ${lib}"

// user C: the magic block and the function info records, PostgreSQL's own macros
def userC = new File(basedir, 'src/main/c/jpg.c').readLines().findAll { it.trim() && !it.trim().startsWith('/*') && !it.trim().startsWith('#') }
assert userC == ['PG_MODULE_MAGIC;', 'PG_FUNCTION_INFO_V1(jadd);', 'PG_FUNCTION_INFO_V1(jdigitsum);', 'PG_FUNCTION_INFO_V1(jupper);']

// exported: the API and what PostgreSQL looks up by name (the macros write no visibility attribute)
def nm = runCommand(['nm', '-D', '--defined-only', lib.path], basedir)
def defined = nm[1].readLines().findAll { it =~ / [TDBRVW] / }.collect { it.tokenize(' ').last() } as Set
assert defined == ['jadd', 'jdigitsum', 'jupper', 'Pg_magic_func', 'pg_finfo_jadd', 'pg_finfo_jdigitsum', 'pg_finfo_jupper'] as Set :
        "exported: ${defined}"
assert nm[0] == 0
def undefined = runCommand(['nm', '-D', '--undefined-only', lib.path], basedir)[1]
assert undefined.contains('cstring_to_text_with_len') && undefined.contains('pg_detoast_datum_packed') :
        "the server's functions are not left to the backend:\n${undefined}"
def readelf = runCommand(['readelf', '-d', lib.path], basedir)
assert !(readelf[1] =~ /NEEDED.*(libpq|postgres)/) : "the library links PostgreSQL:\n${readelf[1]}"

// the generated Java: the view of FunctionCallInfoBaseData with its flexible array member, the server's macros
def gen = new File(basedir, 'target/generated-sources/jembed/java/org/example/pg')
assert new File(gen, 'FunctionCallInfoBaseData.java').text.contains('public NullableDatum args(int index)')
assert new File(gen, 'NullableDatum.java').text.contains('public long value()')
assert new File(gen, 'postgres_h.java').text.contains('public static long VARSIZE_ANY_EXHDR(MemorySegment PTR)')
assert new File(gen, 'fmgr_h.java').text.contains('DatumGetTextPP')
assert new File(gen, 'builtins_h.java').text.contains('cstring_to_text_with_len(MemorySegment s, int len)')

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

def top = Files.createTempDirectory('host-postgres', PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString('rwxr-xr-x'))).toFile()
def data = new File(top, 'data'), sock = new File(top, 'sock'), log = new File(top, 'postgres.log')
File copy = new File(top, 'lib/jpg.so')
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
                            '-o', "-c listen_addresses='' -k ${sock} -c fsync=off -c max_connections=5", 'start'],
                           [JEMBED_TRACE: '1'])   // the backends' stderr goes to the log: the start's phases, the switch
    started = new File(data, 'postmaster.pid').isFile()
    assert start[0] == 0 : "pg_ctl start failed:\n${start[1]}${start[2]}\n${log.text}"

    // one psql session, so one backend (and one JVM) runs everything
    def sql = new File(top, 'test.sql')
    sql.text = """\\set ON_ERROR_STOP 1
CREATE FUNCTION jadd(int4, int4) RETURNS int4 AS '${copy}', 'jadd' LANGUAGE C STRICT IMMUTABLE;
CREATE FUNCTION jdigitsum(text) RETURNS int8 AS '${copy}', 'jdigitsum' LANGUAGE C STRICT IMMUTABLE;
CREATE FUNCTION jupper(text) RETURNS text AS '${copy}', 'jupper' LANGUAGE C STRICT IMMUTABLE;
SELECT 'add ' || jadd(40, 2) || ' ' || jadd(-5, 3) || ' ' || jadd(2147483646, 1);
SELECT 'null ' || (jadd(NULL, 1) IS NULL);
SELECT 'digitsum ' || jdigitsum('a1b2c3') || ' ' || jdigitsum('');
SELECT 'upper ' || jupper('hello, PostgreSQL') || '|' || jupper('') || '|';
SELECT 'rows ' || sum(jdigitsum(i::text)) || ' ' || sum(jadd(i, 1)) FROM generate_series(1, 20000) i;
CREATE TABLE t(s text);
INSERT INTO t VALUES (repeat('9', 100000));
SELECT 'toasted ' || (pg_column_size(s) < 10000) || ' ' || jdigitsum(s) || ' ' || length(jupper(s)) || ' ' || (jupper(s) = s) FROM t;
SELECT 'upper of a table ' || string_agg(jupper(w), ',' ORDER BY w) FROM (VALUES ('abc'), ('déjà vu'), ('x-1')) v(w);
"""
    def psql = timedRun(top, ['psql', '-h', sock.path, '-U', 'postgres', '-d', 'postgres', '-X', '-A', '-t', '-q', '-f', sql.path], [:], 120)
    println "psql -> exit ${psql[0]}\n--- stdout\n${psql[1]}--- stderr\n${psql[2]}---"
    assert psql[0] == 0
    long expected = (1..20000).sum { i -> i.toString().collect { Integer.parseInt(it) }.sum() }
    assert psql[1].readLines() == [
            'add 42 -2 2147483647',
            'null true',
            'digitsum 6 0',
            'upper HELLO, POSTGRESQL||',
            "rows ${expected} ${(1..20000).sum() + 20000}".toString(),
            'toasted true 900000 100000 true',
            'upper of a table ABC,DéJà VU,X-1']
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
assert serverLog =~ /jembed: jpg: start total/
assert serverLog =~ /jembed: jpg: FFM dispatch: \d+ upcall stubs published/
assert !serverLog.contains('terminated by signal') && !serverLog.contains('FATAL') && !serverLog.contains('ERROR') :
        'the server log has a failure'
return true
