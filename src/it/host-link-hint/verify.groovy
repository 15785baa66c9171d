def log = new File(basedir, 'build.log').text
def line = log.readLines().find { it.contains('linking jstr.so failed') }
println line
assert line != null : 'no link failure'
assert line.contains('undefined luaL_checklstring, lua_absindex') && line =~ /and \d+ more/
assert line.contains('set <hostProvidesSymbols>true</hostProvidesSymbols>')
assert !new File(basedir, 'target/jstr.so').exists() : 'a half-linked library was left'
return true
