#!/usr/bin/env bash
# Builds jembed, builds CFFI's embedding example with it, and runs a C program that calls do_stuff({3, 4}).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
echo "== installing jembed (plugin, runtime, archetype) into the local Maven repository"
mvn -B -q -f "$top/pom.xml" install -DskipTests -Dinvoker.skip=true
echo "== building examples/seed (plugin.h + Plugin.java -> target/libmy_plugin.so)"
mvn -B -q -f "$top/examples/seed/pom.xml" package
seed="$top/examples/seed"
out=$(mktemp -d)
echo "== compiling main.c against the library, in $out"
cp "$seed/target/libmy_plugin.so" "$out/"
gcc -Wall -Wextra -Werror -I "$seed/src/main/c" "$seed/main.c" -o "$out/main" -L "$out" -lmy_plugin -Wl,-rpath,'$ORIGIN'
echo "== running it"
cd "$out" && ./main
