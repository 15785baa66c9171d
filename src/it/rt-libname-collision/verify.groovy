// The build stopped on <libraryName> with a suggested fix, before compiling anything.
def log = new File(basedir, 'build.log').text
assert log.contains("pom.xml:48:11: error: <libraryName> 'jvm' is the name of a library of the JDK (libjvm.so in ")
assert log.contains('choose another name, e.g. <libraryName>jvm_plugin</libraryName>')
assert !new File(basedir, 'target/libjvm.so').exists()
return true
