def report = new File(basedir, 'target/jembed-reports/TEST-user_c.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
println "stderr of the C test:\n${test.testcase.'system-err'.text()}"
assert test.@failures.text() == '0'
assert test.testcase.'system-out'.text().startsWith('all passed: ')

// exported: the API's functions and globals, the start function, user C's own JEMBED_EXPORT function;
// not exported: internal functions (either direction), the internal global, jembed's own symbols
def lib = new File(basedir, 'target/libuserc.so')
def nm = ['nm', '-D', '--defined-only', lib.path].execute()
def out = nm.text
nm.waitFor()
println "nm -D:\n${out}"
def names = out.readLines().collect { it.tokenize(' ').last() } as Set
['java_bump', 'java_read_all', 'java_write_all', 'through_c', 'call_count', 'ratio', 'origin', 'history', 'label',
 'limit', 'userc_start', 'userc_early_start'].each { assert names.contains(it) : "${it} is not exported" }
['c_triple', 'j_add_one', 'internal_calls', 'jembed_symbols', 'jembed_userc_start', 'jembed_lib'].each {
    assert !names.contains(it) : "${it} is exported"
}
return true
