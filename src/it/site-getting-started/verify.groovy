/*
 * site-getting-started: runs every ```shell block of site/src/site/markdown/getting-started.md, in order, in one
 * bash in an empty folder (mvn with this reactor's artifacts), and checks that the C program the page builds prints
 * what the page says.
 */
import java.nio.file.Files
import java.util.concurrent.TimeUnit

File page = null
for (File dir = basedir.canonicalFile; dir != null && page == null; dir = dir.parentFile) {
    File f = new File(dir, 'site/src/site/markdown/getting-started.md')
    if (f.isFile()) page = f
}
assert page != null : 'site/src/site/markdown/getting-started.md not found above ' + basedir
def blocks = (page.getText('UTF-8') =~ /(?ms)^```shell\n(.*?)^```/).collect { it[1] }
assert blocks.size() >= 3 : "expected the page's shell blocks, found ${blocks.size()}"

File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile()
File work = Files.createTempDirectory('jembed-getting-started').toFile()
File script = new File(work, 'page.sh')
script.text = 'set -euo pipefail\n' +
        'mvn() { "$IT_MVN" -s "$IT_SETTINGS" -Dmaven.repo.local="$IT_REPO" "$@"; }\n' + blocks.join('\n')
File log = new File(basedir, 'page.log')
def pb = new ProcessBuilder('bash', script.path).directory(work).redirectErrorStream(true).redirectOutput(log)
pb.environment().putAll([IT_MVN: new File(System.getProperty('maven.home'), 'bin/mvn').path, IT_SETTINGS: settings.path,
                         IT_REPO: new File(localRepositoryPath.toString()).absolutePath])
if (!pb.environment().containsKey('JAVA_HOME')) pb.environment().put('JAVA_HOME', System.getProperty('java.home'))
def p = pb.start()
assert p.waitFor(15, TimeUnit.MINUTES) : 'the page\'s commands did not finish'
String out = log.getText('UTF-8')
assert p.exitValue() == 0 : "the page's commands failed:\n${out}"
assert out.contains('C tests run: 1, Failures: 0')
assert out.endsWith('adding 3 and 4\nresult: 7\n') : "the program did not print what the page says:\n${out.readLines().takeRight(5).join('\n')}"
work.deleteDir()
return true
