def report = new File(basedir, 'target/jembed-reports/TEST-host_types_test.xml')
assert report.isFile() : "no C test report at ${report}"
def test = new groovy.xml.XmlSlurper().parse(report)
println "stdout: ${test.testcase.'system-out'.text()}\nstderr of the C test:\n${test.testcase.'system-err'.text()}"
assert test.@failures.text() == '0'
assert test.testcase.'system-out'.text().startsWith('all passed: ')

def log = new File(basedir, 'build.log').text
// the header's exotic parts the API never touches are skipped without a word
['__int128', 'host_table', '_Static_assert', 'is initialized', 'bit-field', 'not supported'].each {
    assert !log.readLines().any { l -> (l.contains('[WARNING]') || l.contains('[ERROR]')) && l.contains(it) } : "a message about ${it}"
}
def view = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi/host_request.java').text
['public int ready()', 'public int mode()', 'public long number()', 'public double real()', 'public int values(int index)',
 'public long count()'].each { assert view.contains(it) : "the view has no ${it}" }
assert !view.contains(' wide(') && !view.contains(' precise(') : 'members without a Java counterpart got accessors'
def glue = new File(basedir, 'target/generated-sources/jembed/c/plugin_host.c').text
assert glue.contains('jembed_bitfield_get_') && glue.contains('->mode = value;')
return true
