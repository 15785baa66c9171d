/*
 * dist-toolchain: Maven on Java 17 with a jdk toolchain of 22+: the library goal takes the toolchain's JDK (no
 * <javaHome>), the C test passes on it, and the library records that JDK.
 */
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Toolchain in maven-compiler-plugin') : 'the compiler did not use the toolchain'
assert !log.contains('set <javaHome>') : 'the library goal ignored the toolchain'
assert log.contains('C tests run: 1, Failures: 0') : 'the C test did not pass'
File so = new File(basedir, 'target/libgreeter.so')
assert so.isFile()
String home = System.getProperty('java.home')
assert new String(so.bytes, 'ISO-8859-1').contains(home) : "the library does not name the toolchain JDK ${home}"
return true
