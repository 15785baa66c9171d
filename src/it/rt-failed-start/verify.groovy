def stderrOf = { String test ->
    def report = new File(basedir, "target/jembed-reports/TEST-${test}.xml")
    assert report.isFile() : "no report for ${test}"
    new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
}

def missing = stderrOf('missing_class')
println "missing_class stderr:\n${missing}"
assert missing.count('start failed;') == 1 : 'one diagnostic, and the start is not retried'
assert missing.contains('init code threw:')
assert missing.contains('java.lang.NoClassDefFoundError: org/apiguardian/api/API$Status')
assert missing.contains('JDK recorded at build time: loaded')
assert missing.contains('JVM options: -Xrs -XX:+UseSerialGC -Xms8m -XX:-UsePerfData -XX:+DisplayVMOutputToStderr')
assert missing.contains('jembed: no_class: twice: not started (start failed earlier); returning 0')

def noJvm = stderrOf('no_jvm')
println "no_jvm stderr:\n${noJvm}"
assert noJvm.count('start failed;') == 1
assert noJvm.contains('JEMBED_JAVA_HOME (the only place searched when set): /nonexistent/jdk/lib/server/libjvm.so: cannot open shared object file')
assert noJvm.contains('no JVM found: set JEMBED_JAVA_HOME (or JAVA_HOME) to a JDK 22 or newer')
return true
