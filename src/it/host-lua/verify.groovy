evaluate(new File(itCommon))

// the site's "Writing a plugin for a host" shows this project as it is
assertShownOnPage('hosts.md', ['src/main/c/jstr.h', 'src/main/c/internal/jstr_lua.h', 'src/main/java/org/example/jstr/Jstr.java'])

def lib = new File(basedir, 'target/jstr.so')
assert lib.isFile() : "no ${lib}"

// exported: only what Lua looks up (luaopen_jstr); the Lua API is left to the interpreter, not linked
def nm = runCommand(['nm', '-D', lib.path], basedir)
def defined = nm[1].readLines().findAll { it =~ / [TDBR] / }.collect { it.tokenize(' ').last() } as Set
assert defined == ['luaopen_jstr'] as Set : "exported: ${defined}"
assert nm[1].readLines().any { it.trim() == 'U lua_pushinteger' } : "lua_pushinteger is not left to the host"
def readelf = runCommand(['readelf', '-d', lib.path], basedir)
assert !readelf[1].contains('liblua') : "the module links liblua:\n${readelf[1]}"
assert readelf[1].contains('Library soname: [jstr.so]')

// the generated Java: one class per Lua header, no redeclaration in the project
def gen = new File(basedir, 'target/generated-sources/jembed/java/org/example/capi')
assert new File(gen, 'lua_h.java').text.contains('public static void lua_settop(MemorySegment L, int idx)')
assert new File(gen, 'lua_h.java').text.contains('lua_pop')   // a macro, wrapped in C
assert new File(gen, 'lua_h.java').text.contains('public static final int LUA_TSTRING = 4;')
assert new File(gen, 'lauxlib_h.java').text.contains('luaL_typename')

def r = timedRun(new File(basedir, 'src/test/lua'), ['lua5.4', '-e', "package.cpath = '${basedir}/target/?.so;' .. package.cpath", 'test.lua'])
println "lua5.4 test.lua -> exit ${r[0]}\n--- stdout\n${r[1]}--- stderr\n${r[2]}---"
assert r[0] == 0
assert r[1].contains('jstr ok: DONE 2250001')
assert !r[2].contains('jembed:') : "diagnostics on stderr:\n${r[2]}"
return true
