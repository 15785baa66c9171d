#!/usr/bin/env bash
# Builds the benchmark library and prints the median of RUNS fresh-process runs of bench.c:
# first-call latency (JVM start + class loading + binding + the call) and per-call cost, next to a direct C call.
# Usage: bench/callcost.sh [RUNS] [CALLS]   (needs jembed installed: mvn install -DskipTests -Dinvoker.skip)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-7}
calls=${2:-20000000}
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
mvn -B -q -f "$here/callcost/pom.xml" package
out=$(mktemp -d)
cp "$here/callcost/target/libcallcost.so" "$out/"
gcc -O2 -pthread -Wall -Wextra -Werror -I "$here/callcost/src/main/c" "$here/bench.c" -o "$out/bench" -L "$out" -lcallcost -Wl,-rpath,'$ORIGIN'
for i in $(seq "$runs"); do "$out/bench" "$calls"; done > "$out/results.txt"
echo "median of $runs runs, $calls calls each ($(nproc) cores, $(uname -m), JDK: ${JAVA_HOME})"
printf '%-32s %10s\n' figure median
for key in first_call_ms direct_c_ns jembed_add_ns jembed_noop_ns jembed_struct_ptr_ns throughput_1_thread_Mcalls_s throughput_2_threads_Mcalls_s; do
  grep "^$key " "$out/results.txt" | awk '{print $2}' | sort -g | awk -v k="$key" '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%-32s %10.2f\n", k, m}'
done
