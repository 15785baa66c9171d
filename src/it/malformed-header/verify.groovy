def log = new File(basedir, 'build.log').text
assert log.contains("src/main/c/malformed.h:5:12: error: unknown type name 'foo_t'")
assert log =~ /src\/main\/c\/malformed.h:6:\d+: error: /
assert !new File(basedir, 'target/generated-sources/jembed').exists() : 'nothing may be generated from a header with errors'
return true
