#!/usr/bin/env bash
# The host benchmarks (see bench/README.md, "Real hosts"): the same plugin written in C and in Java (jembed), run by
# its real host: a Lua 5.4 module, a Redis 7.0 module, PostgreSQL 15 functions. Installs what it needs (Debian:
# lua5.4, liblua5.4-dev, redis-server, redis-tools, postgresql-15, postgresql-server-dev-15), installs jembed
# (mvn install -DskipTests -Dinvoker.skip=true), fetches Redis's redismodule.h (Debian's source tarball, SHA-256
# checked, kept in bench/target/downloads), builds both peers of each host into bench/target/hosts, measures them
# interleaved and prints a markdown report, also written to bench/results/hosts-<YYYY-MM-DD-HHMM>.md.
# Needs root (or sudo) for apt-get and to run PostgreSQL as the postgres user (runuser).
#
# Usage: bench/hosts.sh [--quick] [--no-install] [--dispatch D] [--only lua,redis,pg] [--note TEXT] [measure options]
#   --quick        2 runs, 200,000 Lua calls, Redis requests and PostgreSQL rows (a smoke check, ~2 min); the report
#                  goes to bench/target/ instead
#   --no-install   use the jembed already in the local Maven repository
#   --dispatch D   the Java plugins are built with -Djembed.dispatch=D (auto, jni or ffm; default auto)
#   --only LIST    measure only these hosts (lua, redis, pg)
#   --note TEXT    a line for the report (e.g. "other builds were running")
#   --runs N --lua-calls N --redis-requests N --redis-warmup N --redis-pipeline N --pg-rows N
#                  override the defaults of hosts/measure.py (5, 1000000, 1000000, 200000, 32, 1000000)
# Environment: JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), MAVEN_OPTS (e.g. -Dmaven.repo.local=...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
hosts=$here/hosts
command_line="bench/hosts.sh$(printf ' %q' "$@")"

quick=0
install=1
dispatch=auto
note=
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-install) install=0 ;;
    --dispatch) dispatch=$2; shift ;;
    --note) note=$2; shift ;;
    --only|--runs|--lua-calls|--redis-requests|--redis-warmup|--redis-pipeline|--pg-rows) extra+=("$1" "$2"); shift ;;
    *) echo "hosts.sh: unknown option $1 (see the comment at the top of bench/hosts.sh)" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
[ -x "$JAVA_HOME/bin/javac" ] || { echo "hosts.sh: no JDK at JAVA_HOME=$JAVA_HOME" >&2; exit 2; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
t_start=$(date +%s)

# 1. Debian packages: the hosts and their plugin headers.
missing=()
for p in lua5.4 liblua5.4-dev redis-server redis-tools postgresql-15 postgresql-server-dev-15 gcc curl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  $sudo apt-get install -y "${missing[@]}" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${missing[@]}" >/dev/null; }
fi

# 2. Redis's redismodule.h, which Redis tells module authors to copy into their module and Debian does not ship:
#    from Debian's source tarball of Redis 7.0.15 (the installed server's version), kept for later runs.
redis_version=7.0.15
redis_sha256=4b1dc4ee6d622a09fff9c6777191209750fb5e5a725ef78ea012d6eef4c22982
downloads=$here/target/downloads
redis_include=$downloads/redis-$redis_version
if [ ! -f "$redis_include/redismodule.h" ]; then
  mkdir -p "$redis_include"
  tarball=$downloads/redis_$redis_version.orig.tar.gz
  url=http://deb.debian.org/debian/pool/main/r/redis/redis_$redis_version.orig.tar.gz
  log "downloading $url for src/redismodule.h"
  curl -fsS -o "$tarball" "$url" || { echo "hosts.sh: cannot download $url; put Redis $redis_version's redismodule.h at $redis_include/" >&2; exit 1; }
  echo "$redis_sha256  $tarball" | sha256sum -c --quiet - || { echo "hosts.sh: $url is not the tarball Debian published" >&2; exit 1; }
  tar -xzf "$tarball" -C "$redis_include" --strip-components=2 "redis-$redis_version/src/redismodule.h"
  rm -f "$tarball"
fi

# 3. jembed itself.
if [ $install -eq 1 ]; then
  log "mvn install of jembed (tests skipped)"
  mvn -B -q -f "$root/pom.xml" install -DskipTests -Dinvoker.skip=true >&2
fi

# 4. The peers, fresh: each host's plugin in Java (jembed) and in C.
out=$here/target/hosts
rm -rf "$out"
mkdir -p "$out/lua" "$out/redis" "$out/postgres"
log "building the plugins into $out"
mvn -B -q -f "$hosts/pom.xml" clean package -Djembed.dispatch="$dispatch" -Dredis.include="$redis_include" >&2
cp "$hosts/lua/target/jstr_java.so" "$out/lua/"
cp "$hosts/redis/target/jredis_java.so" "$out/redis/"
cp "$hosts/postgres/target/jpg_java.so" "$out/postgres/"
cflags=(-O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden)
gcc "${cflags[@]}" -I/usr/include/lua5.4 "$hosts/c/jstr_c.c" -o "$out/lua/jstr_c.so"
gcc "${cflags[@]}" -I/usr/include/lua5.4 "$hosts/c/benchclock.c" -o "$out/lua/benchclock.so"
gcc "${cflags[@]}" -I"$redis_include" "$hosts/c/jredis_c.c" -o "$out/redis/jredis_c.so"
# as PostgreSQL's PGXS builds an extension: default visibility (PG_FUNCTION_INFO_V1 of PostgreSQL 15 marks only the
# pg_finfo_* records PGDLLEXPORT, so the functions themselves must not be hidden)
gcc -O2 -Wall -Wextra -Werror -fPIC -shared -I/usr/include/postgresql/15/server "$hosts/c/jpg_c.c" -o "$out/postgres/jpg_c.so"
t_built=$(date +%s)
log "built in $((t_built - t_start)) s"

# 5. Measure.
stamp=$(date -u +%Y-%m-%d-%H%M)
if [ $quick -eq 1 ]; then
  report=$here/target/quick-hosts-$stamp.md
  extra=(--runs 2 --lua-calls 200000 --redis-requests 200000 --redis-warmup 50000 --pg-rows 200000 "${extra[@]}")
else
  report=$here/results/hosts-$stamp.md
fi
status=0
/usr/bin/python3 "$hosts/measure.py" --build "$out" --hosts "$hosts" --out "$report" --command "$command_line" \
  --dispatch "$dispatch" --build-seconds $((t_built - t_start)) ${note:+--note "$note"} "${extra[@]}" || status=$?
log "done in $(( $(date +%s) - t_start )) s (build $((t_built - t_start)) s); report: $report"
exit $status
