#!/usr/bin/env bash
# The benchmark suite, one command from a clean clone (see bench/README.md):
#   installs what it needs (Debian: python3-cffi, python3-dev, libsqlite3-dev, sqlite3), installs jembed
#   (mvn install -DskipTests -Dinvoker.skip=true), builds the five peers fresh into bench/target/suite, measures
#   them interleaved and prints a markdown report, also written to bench/results/<YYYY-MM-DD-HHMM>.md.
#
# Usage: bench/run.sh [--quick] [--no-install] [--no-startup-cache] [--dispatch D[,D...]] [--note TEXT] [measure.py options]
#   --quick        fewer, shorter runs (a smoke check: ~3 min); the report goes to bench/target/ instead
#   --no-install   use the jembed already in the local Maven repository
#   --no-startup-cache  do not build the jembed peer's start-up cache (<startupCache>) nor measure the peer
#                  "jembed + start-up cache" (cold and SQLite runs with -XX:AOTCache=<the cache>)
#   --dispatch D   passed to the jembed plugin as -Djembed.dispatch=D (auto, jni or ffm; a plugin without
#                  <dispatch> ignores it). A list (--dispatch auto,jni,ffm) builds the jembed peers once per value
#                  and measures each as a peer of its own; the first is "jembed", the ratios' numerator.
#   --note TEXT    a line for the report (e.g. "other builds were running")
#   --runs N --seconds S --cold-runs N --sql-runs N --rows N --mvn-runs N   override the defaults of measure.py
# Environment: JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), MAVEN_OPTS (e.g. -Dmaven.repo.local=...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
suite=$here/suite
command_line="bench/run.sh$(printf ' %q' "$@")"

quick=0
install=1
startup_cache=1
dispatch=
note=
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-install) install=0 ;;
    --no-startup-cache) startup_cache=0 ;;
    --dispatch) dispatch=$2; shift ;;
    --note) note=$2; shift ;;
    --runs|--seconds|--cold-runs|--sql-runs|--rows|--mvn-runs) extra+=("$1" "$2"); shift ;;
    *) echo "run.sh: unknown option $1 (see the comment at the top of bench/run.sh)" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
[ -x "$JAVA_HOME/bin/javac" ] || { echo "run.sh: no JDK at JAVA_HOME=$JAVA_HOME" >&2; exit 2; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
t_start=$(date +%s)

# 1. Debian packages: CFFI (and what it compiles with), SQLite's library, header and shell.
missing=()
for p in python3-cffi python3-dev libsqlite3-dev sqlite3 gcc; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y "${missing[@]}" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${missing[@]}" >/dev/null; }
fi

# 2. jembed itself.
if [ $install -eq 1 ]; then
  log "mvn install of jembed (tests skipped)"
  mvn -B -q -f "$root/pom.xml" install -DskipTests -Dinvoker.skip=true >&2
fi

# 3. The peers, fresh.
out=$here/target/suite
rm -rf "$out"
mkdir -p "$out/classes"
cflags=(-O2 -Wall -Wextra -Werror)
jni=(-I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -L"$JAVA_HOME/lib/server" -ljvm -Wl,-rpath,"$JAVA_HOME/lib/server")
log "building the peers into $out"
gcc "${cflags[@]}" -pthread "$suite/driver.c" -o "$out/driver" -ldl
gcc "${cflags[@]}" -fPIC -shared -fvisibility=hidden -I"$suite" "$suite/peers/c/peer_c.c" -o "$out/libpeer_c.so"
for p in jni ffm; do
  gcc "${cflags[@]}" -fPIC -shared -fvisibility=hidden -pthread -I"$suite" "$suite/peers/jvm/jvm_boot.c" \
    "$suite/peers/jvm/peer_$p.c" -o "$out/libpeer_$p.so" "${jni[@]}" -ldl
done
javac --release 22 -d "$out/classes" "$suite"/peers/java/org/jembed/bench/peers/*.java
jar cf "$out/peers.jar" -C "$out/classes" .
/usr/bin/python3 "$suite/peers/cffi/build_peer.py" "$suite/peer.h" "$out/cffi" >"$out/cffi.log" 2>&1 \
  || { cat "$out/cffi.log" >&2; exit 1; }
cp "$out/cffi/libpeer_cffi.so" "$out/"
variants=()
IFS=, read -r -a dispatches <<< "${dispatch:-}"
[ ${#dispatches[@]} -gt 0 ] || dispatches=("")
for d in "${dispatches[@]}"; do
  # The first (the "jembed" peer) also gets its start-up cache: measured as the peer "jembed + start-up cache".
  cache=
  [ ${#variants[@]} -gt 0 ] || [ $startup_cache -eq 0 ] || cache=-Djembed.startupCache=true
  mvn -B -q -f "$suite/jembed/pom.xml" clean package ${d:+-Djembed.dispatch=$d} $cache >&2
  name=jembed
  [ ${#variants[@]} -eq 0 ] || name=jembed-$d
  variants+=("$name")
  cp "$suite/jembed/peer/target/libpeer_jembed.so" "$out/libpeer_$name.so"
  cp "$suite/jembed/sqlfn/target/libsqlfn_jembed.so" "$out/libsqlfn_$name.so"
  if [ -n "$cache" ]; then
    for kind in peer sqlfn; do
      f=$(ls "$suite/jembed/$kind/target/lib${kind}_jembed."*.aot 2>/dev/null | head -1)
      if [ -n "$f" ]; then cp "$f" "$out/${kind}_jembed.aot"; else log "no start-up cache for $kind (see the build's warning)"; fi
    done
  fi
done
if [ ${#variants[@]} -gt 1 ]; then
  extra+=(--jembed-variants "$(IFS=,; echo "${variants[*]:1}")")
fi
[ -z "${dispatches[0]}" ] || extra+=(--jembed-label "jembed (${dispatches[0]})")
gcc "${cflags[@]}" "$suite/sqlite/sqlhost.c" -o "$out/sqlhost" -lsqlite3 -ldl
gcc "${cflags[@]}" -fPIC -shared -fvisibility=hidden '-DJEMBED_EXPORT=__attribute__((visibility("default")))' \
  -I"$suite/jembed/sqlfn/src/main/c" "$suite/jembed/sqlfn/src/main/c/sqlfn.c" "$suite/sqlite/digit_sum.c" \
  -o "$out/libsqlfn_c.so" -lsqlite3
t_built=$(date +%s)
log "built in $((t_built - t_start)) s"

# 4. Measure.
stamp=$(date -u +%Y-%m-%d-%H%M)
if [ $quick -eq 1 ]; then
  report=$here/target/quick-$stamp.md
  extra=(--runs 2 --seconds 0.1 --cold-runs 3 --sql-runs 1 --mvn-runs 1 "${extra[@]}")
else
  report=$here/results/$stamp.md
fi
status=0
/usr/bin/python3 "$suite/measure.py" --build "$out" --out "$report" --command "$command_line" \
  --build-seconds $((t_built - t_start)) \
  ${note:+--note "$note"} "${extra[@]}" || status=$?
log "done in $(( $(date +%s) - t_start )) s (build $((t_built - t_start)) s); report: $report"
exit $status
