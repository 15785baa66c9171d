#!/usr/bin/env bash
# "Java calls C": the time per call of a C function from Java through jembed's generated downcall of a host
# function (by its address, and through a function-pointer variable as Redis modules call their host), next to a
# hand-written FFM downcall through a static final MethodHandle, and to the same call made from C.
# Usage: bench/downcall.sh [CALLS] [ROUNDS]   (needs jembed installed: mvn install -DskipTests -Dinvoker.skip)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
calls=${1:-50000000}
rounds=${2:-7}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
mvn -B -q -f "$here/downcall/pom.xml" package
out=$(mktemp -d)
cp "$here/downcall/target/libdowncall.so" "$out/"
gcc -O2 -Wall -Wextra -Werror -I "$here/downcall/src/main/c" "$here/downcall/driver.c" -o "$out/driver" -L "$out" \
    -ldowncall -Wl,-rpath,'$ORIGIN'
"$out/driver" "$calls" "$rounds" > "$out/results.txt"
echo "Java calls C: ns per call, median (min-max) of $rounds interleaved rounds of $calls calls, one process" \
     "($(nproc) cores, $(uname -m), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
echo
echo "| figure | ns per call | × FFM static final handle |"
echo "|---|---|---|"
base=$(grep '^ffm_static_final_handle ' "$out/results.txt" | awk '{print $2}' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
for key in c_function_pointer jembed_downcall ffm_static_final_handle jembed_downcall_through_variable; do
  grep "^$key " "$out/results.txt" | awk '{print $2}' | sort -g | awk -v k="$key" -v b="$base" \
    '{v[NR]=$1} END {m=v[int((NR+1)/2)]; printf "| %s | %.2f (%.2f-%.2f) | %.2f |\n", k, m/1000, v[1]/1000, v[NR]/1000, m/b}'
done
rm -rf "$out"
