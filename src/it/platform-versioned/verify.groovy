/*
 * platform-versioned: versioned library names.
 * - <libraryFileName>plugin-1.5</libraryFileName>: libplugin-1.5.so (SONAME the same), which a C program linked with
 *   -lplugin-1.5 loads and calls.
 * - <libraryVersion>1.5.2</libraryVersion>: libplugin.so.1.5.2 with SONAME libplugin.so.1 and the links
 *   libplugin.so.1 -> libplugin.so.1.5.2 and libplugin.so -> libplugin.so.1; the C test (linked -lplugin by the test
 *   goal) records NEEDED libplugin.so.1 and ran through the links; the bundle carries the file and both links (also
 *   in its tar.gz), and a program built with its pkg-config file runs against it.
 */
import java.nio.file.Files

evaluate(new File(itCommon))

File target = new File(basedir, 'target')
String buildLog = new File(basedir, 'build.log').getText('UTF-8')
Map<String, String> env = cleanEnv()
env.put('JAVA_HOME', System.getProperty('java.home'))

def soname = { File f ->
    def (int e, String out, String err) = runCommand(['readelf', '-d', f.path], basedir)
    assert e == 0 : err
    def m = out =~ /Library soname: \[([^\]]+)\]/
    return m.find() ? m.group(1) : null
}
def needed = { File f ->
    def (int e, String out, String err) = runCommand(['readelf', '-d', f.path], basedir)
    assert e == 0 : err
    return (out =~ /\(NEEDED\)\s+Shared library: \[([^\]]+)\]/).collect { it[1] }
}

// 1. <libraryFileName>plugin-1.5</libraryFileName>
File named = new File(target, 'libplugin-1.5.so')
assert named.isFile() : "no ${named}; target holds ${target.list()}"
assert soname(named) == 'libplugin-1.5.so'
File app = new File(target, 'named_app')
def (int ccExit, String ccOut, String ccErr) = runCommand(['gcc', '-Wall', '-Werror', '-I', 'src/main/c',
        'src/test/c/versioned_test.c', '-o', app.path, '-Ltarget', '-lplugin-1.5', "-Wl,-rpath,${target.absolutePath}"], basedir)
assert ccExit == 0 : "gcc -lplugin-1.5 failed:\n${ccOut}${ccErr}"
assert needed(app).contains('libplugin-1.5.so') : needed(app)
def (int runExit, String stdout, String stderr) = runCommand([app.path], basedir, env)
assert runExit == 0 && stdout == 'add(3, 4) = 7\n' : "exit ${runExit}\nstdout:\n${stdout}\nstderr:\n${stderr}"

// 2. <libraryVersion>1.5.2</libraryVersion>
File real = new File(target, 'libplugin.so.1.5.2')
assert real.isFile() && !Files.isSymbolicLink(real.toPath()) : "no ${real}"
assert soname(real) == 'libplugin.so.1'
assert Files.readSymbolicLink(new File(target, 'libplugin.so.1').toPath()).toString() == 'libplugin.so.1.5.2'
assert Files.readSymbolicLink(new File(target, 'libplugin.so').toPath()).toString() == 'libplugin.so.1'
assert buildLog.contains('Built target/libplugin.so.1.5.2 for linux-x86_64') : 'no build line for the versioned library'
File test = new File(target, 'jembed-tests/versioned_test')
assert needed(test).contains('libplugin.so.1') : "the C test records ${needed(test)}"
assert !needed(test).contains('libplugin.so') : 'the C test must record the SONAME, not the development link'
assert buildLog.contains('Running versioned_test ... ok') : 'the C test did not pass through the links'

// 3. The bundle: file + links, in the folder and in the tar.gz; pkg-config's -lplugin links through the dev link.
File dist = new File(target, 'dist/lib')
assert new File(dist, 'libplugin.so.1.5.2').isFile()
assert Files.readSymbolicLink(new File(dist, 'libplugin.so.1').toPath()).toString() == 'libplugin.so.1.5.2'
assert Files.readSymbolicLink(new File(dist, 'libplugin.so').toPath()).toString() == 'libplugin.so.1'
assert new File(dist, 'cmake/plugin/pluginConfig.cmake').text.contains('IMPORTED_SONAME "libplugin.so.1"')
File tgz = new File(target, 'platform-versioned-1.5.2-linux-x86_64-dist.tar.gz')
def (int tarExit, String tarOut, String tarErr) = runCommand(['tar', 'tvzf', tgz.path], basedir)
assert tarExit == 0 : tarErr
assert tarOut.contains('lib/libplugin.so.1 -> libplugin.so.1.5.2') && tarOut.contains('lib/libplugin.so -> libplugin.so.1') : tarOut
def (int pcExit, String pcOut, String pcErr) = runCommand(['pkg-config', '--cflags', '--libs', 'plugin'], basedir,
        env + [PKG_CONFIG_PATH: new File(dist, 'pkgconfig').path])
assert pcExit == 0 : pcErr
File pcApp = new File(target, 'pc_app')
def (int c2, String o2, String e2) = runCommand(['gcc', 'src/test/c/versioned_test.c', '-o', pcApp.path] + pcOut.trim().split(/\s+/).toList(), basedir)
assert c2 == 0 : "${o2}${e2}"
assert needed(pcApp).contains('libplugin.so.1')
def (int r2, String s2, String err2) = runCommand([pcApp.path], basedir, env)
assert r2 == 0 && s2 == 'add(3, 4) = 7\n' : "exit ${r2}\n${s2}\n${err2}"
println 'platform-versioned: libplugin-1.5.so via -lplugin-1.5, and libplugin.so.1.5.2 (NEEDED libplugin.so.1) via the links: ok'
return true
