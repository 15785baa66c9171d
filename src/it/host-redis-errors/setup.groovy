// Redis tells module authors to copy redismodule.h into their module. Debian ships no redismodule.h and the project
// may not commit Redis's header, so this copy of the IT gets it from Debian's source tarball of the installed Redis,
// checked against the tarball's SHA-256, and keeps it in itDownloads (under the Maven local repository) for later runs.
import java.security.MessageDigest

final String version = '7.0.15'
final String url = "http://deb.debian.org/debian/pool/main/r/redis/redis_${version}.orig.tar.gz"
final String tarballSha256 = '4b1dc4ee6d622a09fff9c6777191209750fb5e5a725ef78ea012d6eef4c22982'
final String headerSha256 = 'dcc23952d82cd8f06e4fe6ee32de0b04d437cfe03779963230b3f0dde2c731e0'

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

// The header is the API of the server that loads the module: it must be the installed Redis's minor version.
def server = ['redis-server', '--version'].execute()
server.waitFor()
def installed = (server.text =~ /v=(\d+\.\d+)\.\d+/)
assert installed.find() : 'redis-server is not installed (Debian: apt-get install redis-server redis-tools; .ci/run does)'
assert installed.group(1) == version.tokenize('.')[0..1].join('.') :
        "redis-server is ${installed.group(1)}.x, but this IT fetches redismodule.h of Redis ${version}: update version and checksums in ${basedir}/setup.groovy"

File cache = new File(itDownloads.toString(), "redis-${version}/redismodule.h")
if (!cache.isFile() || sha256(cache) != headerSha256) {
    cache.parentFile.mkdirs()
    File tarball = new File(cache.parentFile, "redis_${version}.orig.tar.gz")
    println "host-redis: downloading ${url} for src/redismodule.h"
    try {
        new URL(url).withInputStream { input -> tarball.withOutputStream { it << input } }
    } catch (IOException e) {
        tarball.delete()
        throw new IllegalStateException("cannot download ${url} (${e}): this IT needs Redis's redismodule.h, which " +
                "Debian ships only in that source tarball; put the header of Redis ${version} at ${cache} to run offline", e)
    }
    assert sha256(tarball) == tarballSha256 : "${url} is not the tarball Debian published (SHA-256 ${sha256(tarball)})"
    def tar = ['tar', '-xzf', tarball.path, '-C', cache.parentFile.path, '--strip-components=2',
               "redis-${version}/src/redismodule.h"].execute()
    tar.waitFor()
    assert tar.exitValue() == 0 : "tar could not extract src/redismodule.h from ${tarball}: ${tar.err.text}"
    tarball.delete()
    assert sha256(cache) == headerSha256 : "${cache}: unexpected content"
}
new File(basedir, 'src/main/c/redismodule.h').bytes = cache.bytes
return true
