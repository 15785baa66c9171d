// The real redis-server loads jredis.so on a Unix socket of its own in target/; redis-cli checks every command's
// reply, then 20,000 calls on one connection (past the switch to FFM upcall stubs); the server is stopped by its pid.
import java.nio.file.Files
import java.util.concurrent.TimeUnit

evaluate(new File(itCommon))

// the site's "Writing a plugin for a host" shows this project as it is
// host-redis with a command that throws: the module's error handler replies with an error, the connection goes on

def lib = new File(basedir, 'target/jredis.so')
assert lib.isFile() : "no ${lib}"

// no user C: the project's C is its two headers (redismodule.h is Redis's, fetched by setup.groovy)
def c = new File(basedir, 'src/main/c')
def cFiles = []
c.eachFileRecurse { if (it.isFile()) cFiles << c.toPath().relativize(it.toPath()).toString() }
assert cFiles.sort() == ['internal/jredis_commands.h', 'jredis.h', 'redismodule.h'] : "src/main/c holds ${cFiles}"

// exported: only what Redis looks up; the API's function-pointer variables stay inside the module
def nm = runCommand(['nm', '-D', '--defined-only', lib.path], basedir)
def defined = nm[1].readLines().findAll { it =~ / [TDBRVW] / }.collect { it.tokenize(' ').last() } as Set
assert defined == ['RedisModule_OnLoad'] as Set : "exported: ${defined}"
def readelf = runCommand(['readelf', '-d', lib.path], basedir)
assert readelf[1].contains('Library soname: [jredis.so]')

// the generated Java: RedisModule_ReplyWithLongLong is one call that reads Redis's variable; the static
// RedisModule_Init is wrapped in C
def gen = new File(basedir, 'target/generated-sources/jembed/java/org/example/redis')
def api = new File(gen, 'redismodule_h.java').text
assert api.contains('public static int RedisModule_ReplyWithLongLong(MemorySegment ctx, long ll)')
assert api.contains('public static int RedisModule_Init(MemorySegment ctx, MemorySegment name, int ver, int apiver)')
assert api.contains('public static final int REDISMODULE_APIVER_1 = 1;')
def host = new File(basedir, 'target/generated-sources/jembed/c/jredis_host.c').text
assert host.contains('(RedisModule_Init)(')

// The server: its own folder (a Unix socket path must stay under 108 bytes), no port, no persistence.
File run = new File(basedir, 'target/redis')
if (run.absolutePath.length() > 90) {
    run = Files.createTempDirectory('host-redis').toFile()
}
run.mkdirs()
File socket = new File(run, 'redis.sock')
File log = new File(run, 'redis.log')
def server = new ProcessBuilder('redis-server', '--port', '0', '--unixsocket', socket.path, '--unixsocketperm', '700',
        '--loadmodule', lib.absolutePath, '--save', '', '--appendonly', 'no', '--dir', run.path,
        '--logfile', log.path, '--daemonize', 'no')
        .directory(run).redirectErrorStream(true).redirectOutput(new File(run, 'redis.out'))
server.environment().remove('LD_LIBRARY_PATH')
server.environment().put('JEMBED_TRACE', '1')
Process redis = server.start()
println "redis-server pid ${redis.pid()} on ${socket}"

def cli = { List args -> timedRun(run, ['redis-cli', '-s', socket.path] + args, [:], 60) }
try {
    // the module loads with the server (its JVM starts in RedisModule_OnLoad): ready within 30 s, or a failure
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
    while (!(socket.exists() && cli(['ping'])[1].trim() == 'PONG')) {
        assert redis.isAlive() : "redis-server exited with ${redis.exitValue()}:\n${log.exists() ? log.text : ''}${new File(run, 'redis.out').text}"
        assert System.nanoTime() < deadline : "redis-server not ready within 30 s:\n${log.exists() ? log.text : ''}"
        Thread.sleep(100)
    }
    def reply = { List args ->
        def r = cli(args)
        assert r[0] == 0 : "redis-cli ${args.join(' ')}: exit ${r[0]}\n${r[2]}"
        return r[1].trim()
    }
    assert reply(['module', 'list']).readLines().containsAll(['name', 'jembed', 'ver', '1'])
    assert reply(['jembed.fail', '3']) == 'ERR java.lang.IllegalStateException: fail 3'
    assert reply(['jembed.add', '40', '2']) == '42'
    assert reply(['jembed.add', '-5', '3']) == '-2'
    assert reply(['jembed.add', '9223372036854775806', '1']) == '9223372036854775807'
    assert reply(['jembed.add', 'x', '2']) == 'ERR value is not an integer'
    assert reply(['jembed.add', '1']) == "ERR wrong number of arguments for 'jembed.add' command"
    assert reply(['jembed.upper', 'hello, Redis']) == 'HELLO, REDIS'
    assert reply(['jembed.upper', '']) == ''
    assert reply(['jembed.digitsum', 'a1b2c3']) == '6'
    assert reply(['jembed.digitsum', '9' * 10000]) == '90000'
    // 20,000 calls on one connection: the default dispatch swaps to FFM upcall stubs on the way
    def loop = cli(['-r', '20000', 'jembed.add', '1', '2'])
    assert loop[0] == 0 : loop[2]
    def lines = loop[1].readLines()
    assert lines.size() == 20000 && lines.every { it == '3' } : "of 20000 replies, ${lines.count { it != '3' }} differ"
    assert reply(['jembed.digitsum', '12345']) == '15'
    def fails = cli(['-r', '1000', 'jembed.fail', 'x'])
    assert fails[1].readLines().count { it == 'ERR java.lang.IllegalStateException: fail x' } == 1000 : fails[1].take(300)
} finally {
    // stopped by its pid: SIGTERM, which Redis handles (the JVM runs with -Xrs)
    runCommand(['kill', '-TERM', redis.pid().toString()], run)
    if (!redis.waitFor(20, TimeUnit.SECONDS)) {
        redis.destroyForcibly()
        redis.waitFor()
        assert false : "redis-server did not stop on SIGTERM within 20 s"
    }
}
String out = new File(run, 'redis.out').text + log.text
println "---- redis-server log\n${out}----"
assert redis.exitValue() == 0 : "redis-server exited with ${redis.exitValue()}"
assert out.contains("Module 'jembed' loaded from ${lib.absolutePath}")
assert out =~ /jembed: jredis: FFM dispatch: \d+ upcall stubs published/
assert !out.contains('threw') && !out.contains('failed')
if (run.absolutePath != new File(basedir, 'target/redis').absolutePath) {
    run.deleteDir()
}
return true
