def log = new File(basedir, 'build.log').text
def message = "src/main/c/vars.h:8:12: error: variable 'hidden_count' is declared in the API header but the library does" +
        " not export it; define it in a .c file under src/main/c and declare it with JEMBED_EXPORT (jembed.h gives it" +
        " default visibility), e.g. 'JEMBED_EXPORT int hidden_count;'"
def hits = log.readLines().findAll { it.contains("variable 'hidden_count'") }
assert hits.size() == 1 : hits
assert hits[0].endsWith(message) : hits[0]
assert !log.contains("variable 'visible_count'")
return true
