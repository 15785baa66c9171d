// Every case printed what was expected (exact stdout, each in a fresh process); each reported exactly one failed start
// naming the option that caused it.
def report = new File(basedir, 'target/jembed-reports/TEST-bad_jvm_options.xml')
def err = new groovy.xml.XmlSlurper().parse(report).testcase.'system-err'.text()
println "bad_jvm_options stderr:\n${err}"
assert err.count('jembed: fatal_options: start failed;') == 6
['-agentlib:nosuchagent', '-agentpath:/nonexistent/libagent.so', '-Xbogus', '-XX:+NoSuchJembedOption', '-Xmx1k', '-Xms2g -Xmx1g'].each {
    assert err.contains("(from FATAL_OPTIONS_JVM_OPTIONS:) ${it}") : "the diagnostic names ${it}"
}
return true
