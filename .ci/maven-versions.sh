#!/usr/bin/env bash
# The archetype flow (archetype:generate, then mvn verify of the generated project, whose C test calls the library)
# under current Maven 3.9.x and 4.0.x, whose distributions are fetched from Maven Central; the rest of the build runs
# on the Maven found on the PATH. Run after `mvn install` (it uses the jembed artifacts of the local repository).
# Usage: .ci/maven-versions.sh [version...]   (default: 3.9.11 4.0.0-rc-4)
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(3.9.11 4.0.0-rc-4)
jembed_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
# The local repository `mvn install` filled (Maven 4 does not read maven.repo.local from MAVEN_OPTS): pass it explicitly.
repo=$(mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null | tail -1 | sed "s/\x1b\[[0-9;]*m//g")
work=$PWD/target/maven-versions
mkdir -p "$work"
status=0
for v in "${versions[@]}"; do
  home=$work/apache-maven-$v
  if [ ! -x "$home/bin/mvn" ]; then
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="org.apache.maven:apache-maven:$v:tar.gz:bin" -DoutputDirectory="$work"
    tar xzf "$work/apache-maven-$v-bin.tar.gz" -C "$work"
  fi
  gen=$work/generated-$v
  rm -rf "$gen" && mkdir -p "$gen"
  log=$work/maven-$v.log
  start=$(date +%s)
  if (cd "$gen" && "$home/bin/mvn" -B -ntp -Dmaven.repo.local="$repo" archetype:generate -DarchetypeGroupId=org.jembed \
        -DarchetypeArtifactId=embed-archetype -DarchetypeVersion="$jembed_version" -DgroupId=com.example \
        -DartifactId=my-plugin -Dpackage=com.example -DinteractiveMode=false \
      && cd my-plugin && "$home/bin/mvn" -B -ntp -Dmaven.repo.local="$repo" verify) > "$log" 2>&1 \
     && grep -q 'C tests run: 1, Failures: 0' "$log" && [ -f "$gen/my-plugin/target/dist/lib/libmy_plugin.so" ]; then
    echo "Maven $v: archetype flow OK ($(( $(date +%s) - start )) s; log $log)"
  else
    echo "Maven $v: archetype flow FAILED (log $log):" >&2
    tail -40 "$log" >&2
    status=1
  fi
done
exit $status
