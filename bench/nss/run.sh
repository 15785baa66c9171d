#!/usr/bin/env bash
# The cost of a jembed NSS module in short-lived hosts (issue #18): src/it/rt-nss-module's passwd module, built with
# the jembed in the local Maven repository, by default and with <shortLived>true</shortLived>, installed only inside
# mount namespaces (a private /etc/nsswitch.conf, LD_LIBRARY_PATH), first and last on the passwd: line. Prints, per
# peer: the median wall time of `getent passwd root`, `getent passwd alice`, `getent passwd 70002` (getpwuid as the
# first call: "hangs" when it did not return within 20 s) and `id alice`, each a fresh process (namespace set-up
# included), interleaved; and the peak RSS and thread count of a process around one getpwnam. Needs root.
# Usage: bench/nss/run.sh [RUNS]; BASELINE=<libnss_jx.so.2 built by another jembed> adds it as a peer ("baseline").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=${1:-11}
[ "$(id -u)" = 0 ] || { echo "needs root (unshare -m, mount --bind)" >&2; exit 1; }
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
work=$(mktemp -d /tmp/jembed-nss-bench.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$repo/pom.xml" | head -1)
cp -r "$repo/src/it/rt-nss-module" "$work/module"
sed -i "s/@project.groupId@/org.jembed/; s/@project.artifactId@/embed-maven-plugin/; s/@project.version@/$version/g" \
    "$work/module/pom.xml"
build() { # peer, then Maven options
  local peer=$1; shift
  mvn -B -q -f "$work/module/pom.xml" "$@" clean package >"$work/$peer-build.log" 2>&1 \
    || { cat "$work/$peer-build.log"; exit 1; }
  mkdir -p "$work/$peer"
  cp "$work/module/target/libnss_jx.so" "$work/$peer/libnss_jx.so.2"
}
build default
build short-lived -Djembed.shortLived=true
peers=(files-only default short-lived)
mkdir -p "$work/files-only"
if [ -n "${BASELINE:-}" ]; then
  mkdir -p "$work/baseline" && cp "$BASELINE" "$work/baseline/libnss_jx.so.2"
  peers=(files-only baseline default short-lived)
fi
gcc -O2 -Wall -Wextra -Werror "$here/lookup.c" -o "$work/lookup"
printf 'passwd: jx files\ngroup: files\n' >"$work/first.conf"
printf 'passwd: files jx\ngroup: files\n' >"$work/last.conf"
printf 'passwd: files\ngroup: files\n' >"$work/none.conf"

# in_ns PEER CONF cmd...: cmd in a mount namespace with CONF as /etc/nsswitch.conf and PEER's module; 20 s limit
in_ns() {
  local peer=$1 conf=$2; shift 2
  LD_LIBRARY_PATH="$work/$peer" timeout 20 unshare -m sh -c 'mount --bind "$0" /etc/nsswitch.conf && exec "$@"' \
      "$conf" "$@"
}
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) {print "-"; exit} m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.1f", m / 1000}'; }
commands=("getent passwd root" "getent passwd alice" "getent passwd 70002" "id alice")
cases=()
for peer in "${peers[@]}"; do
  if [ "$peer" = files-only ]; then cases+=("$peer none"); else cases+=("$peer first" "$peer last"); fi
done
# Interleaved: run r of every case and command, then run r+1; one file of µs samples per case and command, or "hangs"
# when a run did not return within 20 s (that case and command is not run again).
for r in $(seq "$runs"); do
  for c in "${cases[@]}"; do
    read -r peer place <<<"$c"
    for i in "${!commands[@]}"; do
      f="$work/samples-$peer-$place-$i"
      grep -qx hangs "$f" 2>/dev/null && continue
      s=$(date +%s%N)
      rc=0; in_ns "$peer" "$work/$place.conf" ${commands[$i]} >/dev/null 2>&1 || rc=$?
      e=$(date +%s%N)
      if [ "$rc" = 124 ]; then echo hangs >"$f"; else echo $(( (e - s) / 1000 )) >>"$f"; fi
    done
  done
done
figure() { if grep -qx hangs "$1"; then echo "hangs (> 20 s)"; else median <"$1"; fi; }
echo "jembed NSS module in short-lived hosts: median of $runs fresh processes, interleaved ($(nproc) cores, $(uname -m), JDK ${JAVA_HOME}, load $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "| peer | passwd: | getent passwd root (ms) | getent passwd alice (ms) | getent passwd 70002 (ms) | id alice (ms) | getpwnam(root): peak RSS (MB), threads | getpwnam(alice): peak RSS (MB), threads |"
echo "|---|---|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
  read -r peer place <<<"$c"
  rss() { in_ns "$peer" "$work/$place.conf" "$work/lookup" "$1" 2>/dev/null | awk '{ printf "%.1f, %d%s", $2 / 1024, $3, ($1 == "-" ? " (not found)" : "") }'; }
  line=$(sed -n 's/^passwd: //p' "$work/$place.conf")
  row="| $peer | $line |"
  for i in "${!commands[@]}"; do row="$row $(figure "$work/samples-$peer-$place-$i") |"; done
  echo "$row $(rss root) | $(rss alice) |"
done
