def log = new File(basedir, 'build.log').text
assert log.contains("src/main/c/incomplete.h:4:5: error: no @Export method implements 'forgotten'; add '@Export public static int forgotten(int x, int y)' to a public class")
assert log.contains("src/main/c/incomplete.h:5:22: error: parameter 1 of 'mismatched' ('long v') cannot be 'String' in org.example.Impl.mismatched (src/main/java/org/example/Impl.java:13); use 'long'")
assert log.contains("src/main/c/incomplete.h:5:6: error: 'mismatched' returns 'long' but org.example.Impl.mismatched (src/main/java/org/example/Impl.java:13) returns 'int'; use 'long'")
assert log.contains("src/main/java/org/example/Impl.java:18: error: @Export method 'org.example.Impl.stray' implements 'implementd', which src/main/c/incomplete.h does not declare; did you mean 'implemented'?")
assert !new File(basedir, 'target/libincomplete.so').exists() : 'nothing may be built when bindings do not check'
return true
