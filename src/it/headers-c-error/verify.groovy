def log = new File(basedir, 'build.log').text
def lines = log.readLines()
// gcc's message, positioned in the user's file
def message = lines.findAll { it.contains('helper.c:4:') && it.contains('error:') }
println "gcc: ${message}"
assert message.size() == 1 : message
// one error line naming the file, pointing at the messages above
def failed = lines.findAll { it.contains('gcc failed on helper.c') }
println "build: ${failed}"
assert !failed.isEmpty()
assert failed[0].contains("the compiler's messages are above")
// no Java stack trace from the native build
assert !log.contains('Exception in thread')
assert !log.contains('NativeBuildException')
assert !log.contains('\tat org.codehaus')
return true
