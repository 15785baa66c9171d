def log = new File(basedir, 'build.log').text
def pom = new File(basedir, 'pom.xml').readLines()
def at = { String text -> "pom.xml:${pom.findIndexOf { it.contains(text) } + 1}:" }
def errors = log.readLines().findAll { it.startsWith('[ERROR] pom.xml:') }
println errors.join('\n')
assert errors.any { it.startsWith("[ERROR] ${at('lua_nosuch')}") && it.contains("<hostFunction> 'lua_nosuch': no header the API header includes declares") }
assert errors.any { it.startsWith("[ERROR] ${at('lua_pushliteral')}") && it.contains("<hostFunction> 'lua_pushliteral'") && it.contains('cannot be called from Java') }
assert errors.any { it.startsWith("[ERROR] ${at('LUA_NOSUCH')}") && it.contains("<hostConstant> 'LUA_NOSUCH'") }
assert !new File(basedir, 'target/generated-sources/jembed/java').exists() : 'Java was generated'
assert !(log =~ /(IllegalState|IllegalArgument|NullPointer|IndexOutOfBounds|ClassCast|Unsupported)[A-Za-z]*Exception/) : 'an internal exception'
return true
