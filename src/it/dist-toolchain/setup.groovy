// Names the Invoker's own JDK (22+) as the only jdk toolchain of this IT.
String home = System.getProperty('java.home')
new File(basedir, 'toolchains.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<toolchains>
  <toolchain>
    <type>jdk</type>
    <provides><version>${Runtime.version().feature()}</version></provides>
    <configuration><jdkHome>${home}</jdkHome></configuration>
  </toolchain>
</toolchains>
"""
return true
