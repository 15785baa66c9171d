"""Runs the benchmark suite's measurements on the peers built by bench/run.sh and prints the markdown report.

Every figure is the median (min-max) over fresh processes; the peers are interleaved (c jni ffm cffi jembed,
c jni ffm ...), never run in blocks. The report goes to stdout and to --out.
Usage: see bench/run.sh (it passes every option).
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PEERS = [
    ('c', 'direct C'),
    ('jni', 'hand JNI'),
    ('ffm', 'FFM upcall'),
    ('cffi', 'CFFI'),
    ('jembed', 'jembed'),
]  # main() appends the jembed variants of --jembed-variants (other dispatch modes)
SQL_PEERS = ['c', 'jembed']
# The jembed peer again, started with its start-up cache (built with <startupCache>, passed as -XX:AOTCache through
# the library's <LIB>_JVM_OPTIONS): cold and SQLite runs only. main() adds it when run.sh copied the caches.
AOT_PEER = 'jembed-aot'
AOT_ENV = {}  # peer or sqlfn library -> (variable, value)

# (key printed by the driver, label, decimals hint); all from `driver warm` or `driver launch`
CALL_ROWS = [
    ('percall_add_ns', 'add(int, int), per call (ns)'),
    ('percall_do_stuff_ns', 'do_stuff(point_t *), per call (ns)'),
    ('percall_shout_ns', 'shout(const char *) → const char *, per call (ns)'),
    ('percall_unbox_ns', 'handle lookup unbox(void *), per call (ns)'),
    ('percall_cpu_add_ns', 'add, per call, process CPU time (ns)'),
    ('percall_cpu_do_stuff_ns', 'do_stuff, per call, process CPU time (ns)'),
    ('percall_cpu_shout_ns', 'shout, per call, process CPU time (ns)'),
    ('percall_cpu_unbox_ns', 'unbox, per call, process CPU time (ns)'),
    ('tput1_add_Mps', 'add, 1 thread (M calls/s)'),
    ('tput2_add_Mps', 'add, 2 threads (M calls/s)'),
    ('tput_ratio_add', 'add, 2 threads / 1 thread'),
    ('tput1_unbox_Mps', 'unbox, 1 thread (M calls/s)'),
    ('tput2_unbox_Mps', 'unbox, 2 threads (M calls/s)'),
    ('tput_ratio_unbox', 'unbox, 2 threads / 1 thread'),
    ('cold_first_call_ms', 'cold first call, exec → first return (ms)'),
    ('cold_cpu_ms', 'cold first call, process CPU time until then (ms)'),
    ('new_thread_first_call_us', 'first call on a new native thread (µs)'),
    ('rss_after_first_call_MB', 'RSS after the first call (MB)'),
    ('so_size_KB', '`.so` size (KB)'),
]


def fmt(v):
    if v is None:
        return '—'
    a = abs(v)
    if a >= 100:
        return f'{v:.0f}'
    if a >= 10:
        return f'{v:.1f}'
    if a >= 1:
        return f'{v:.2f}'
    return f'{v:.3f}'


def cell(values):
    if not values:
        return '—'
    m = statistics.median(values)
    if len(values) == 1:
        return fmt(m)
    return f'{fmt(m)} ({fmt(min(values))}–{fmt(max(values))})'


def parse(text):
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                pass
    return out


class Suite:
    def __init__(self, args):
        self.args = args
        self.build = args.build
        self.data = {}      # (peer, key) -> [values]
        self.failures = []  # messages

    def add(self, peer, figures):
        for k, v in figures.items():
            self.data.setdefault((peer, k), []).append(v)

    def values(self, peer, key):
        return self.data.get((peer, key), [])

    def median(self, peer, key):
        v = self.values(peer, key)
        return statistics.median(v) if v else None

    def run(self, peer, cmd, timeout=300, env=None):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                               env=None if env is None else {**os.environ, env[0]: env[1]})
        except subprocess.TimeoutExpired:
            self.failures.append(f'{peer}: timed out: {" ".join(cmd)}')
            return
        if p.returncode != 0:
            tail = (p.stderr.strip().splitlines() or [''])[-1]
            self.failures.append(f'{peer}: exit {p.returncode}: {" ".join(os.path.basename(c) for c in cmd)}: {tail}')
            return
        self.add(peer, parse(p.stdout))

    def lib(self, peer):
        return os.path.join(self.build, f'libpeer_{"jembed" if peer == AOT_PEER else peer}.so')

    def progress(self, what):
        print(f'[{time.strftime("%H:%M:%S")}] {what}', file=sys.stderr, flush=True)

    def measure(self):
        a = self.args
        driver = os.path.join(self.build, 'driver')
        for r in range(a.runs):
            self.progress(f'warm processes, round {r + 1}/{a.runs}')
            for peer, _ in PEERS:
                if peer != AOT_PEER:
                    self.run(peer, [driver, 'warm', self.lib(peer), str(a.seconds)])
        for r in range(a.cold_runs):
            if r % 5 == 0:
                self.progress(f'cold processes, round {r + 1}/{a.cold_runs}')
            for peer, _ in PEERS:
                self.run(peer, [driver, 'launch', self.lib(peer)], env=AOT_ENV.get(('peer', peer)))
        for peer, _ in PEERS:
            if peer != AOT_PEER:
                self.add(peer, {'so_size_KB': os.path.getsize(self.lib(peer)) / 1024})
        host = os.path.join(self.build, 'sqlhost')
        for r in range(a.sql_runs):
            self.progress(f'SQLite, round {r + 1}/{a.sql_runs}')
            for peer in SQL_PEERS:
                lib = 'jembed' if peer == AOT_PEER else peer
                self.run(peer, [host, os.path.join(self.build, f'libsqlfn_{lib}.so'), str(a.rows)],
                         env=AOT_ENV.get(('sqlfn', peer)))
        if a.mvn_runs > 0:
            self.archetype()

    def archetype(self):
        a = self.args
        work = tempfile.mkdtemp(prefix='jembed-bench-archetype-')
        try:
            mvn = ['mvn', '-B', '-q']
            gen = mvn + ['org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate', '-DinteractiveMode=false',
                         '-DarchetypeCatalog=local', '-DarchetypeGroupId=org.jembed',
                         '-DarchetypeArtifactId=embed-archetype', f'-DarchetypeVersion={a.jembed_version}',
                         '-DgroupId=com.example', '-DartifactId=my-plugin', '-Dversion=1.0-SNAPSHOT',
                         '-Dpackage=com.example']
            self.progress('archetype: generate, then one untimed package (plugin downloads)')
            if subprocess.run(gen, cwd=work, capture_output=True, text=True).returncode != 0:
                self.failures.append('archetype: archetype:generate failed')
                return
            project = os.path.join(work, 'my-plugin')
            if subprocess.run(mvn + ['package'], cwd=project, capture_output=True, text=True).returncode != 0:
                self.failures.append('archetype: mvn package failed')
                return
            for r in range(a.mvn_runs):
                self.progress(f'archetype mvn package, round {r + 1}/{a.mvn_runs}')
                for key, goals in (('mvn_clean_package_s', ['clean', 'package']), ('mvn_noop_package_s', ['package'])):
                    t0 = time.monotonic()
                    p = subprocess.run(mvn + ['-o'] + goals, cwd=project, capture_output=True, text=True)
                    t1 = time.monotonic()
                    if p.returncode != 0:
                        self.failures.append(f'archetype: mvn {" ".join(goals)} failed')
                    else:
                        self.add('jembed', {key: t1 - t0})
        finally:
            shutil.rmtree(work, ignore_errors=True)

    # ---- the report ----

    def ratio(self, key, peer, base='jembed'):
        j, p = self.median(base, key), self.median(peer, key)
        if j is None or p is None or p == 0:
            return '—'
        return f'{j / p:.2f}'

    def call_table(self):
        others = [p for p in PEERS if not p[0].startswith('jembed')]
        head = ['figure'] + [label for _, label in PEERS] + [f'jembed ÷ {label}' for _, label in others]
        lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
        for key, label in CALL_ROWS:
            row = [label] + [cell(self.values(p, key)) for p, _ in PEERS] + [self.ratio(key, p) for p, _ in others]
            lines.append('| ' + ' | '.join(row) + ' |')
        return '\n'.join(lines)

    def sqlite_table(self):
        labels = dict(PEERS)
        js = SQL_PEERS[1:]
        head = ['figure', 'C function'] + [f'{labels[j]} (Java `long digit_sum(String)`)' for j in js] \
            + [f'{labels[j]} ÷ C' for j in js]
        lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
        for key, label in (('sqlite_query_s', 'whole query (s)'), ('sqlite_query_cpu_s', 'whole query, process CPU time (s)'),
                           ('sqlite_peak_rss_MB', 'peak RSS (MB)')):
            row = [label] + [cell(self.values(p, key)) for p in SQL_PEERS] + [self.ratio(key, 'c', j) for j in js]
            lines.append('| ' + ' | '.join(row) + ' |')
        return '\n'.join(lines)

    def mvn_table(self):
        lines = ['| figure | jembed archetype project |', '|---|---|']
        for key, label in (('mvn_clean_package_s', '`mvn clean package` (s)'),
                           ('mvn_noop_package_s', '`mvn package`, nothing changed (s)')):
            lines.append(f'| {label} | {cell(self.values("jembed", key))} |')
        return '\n'.join(lines)

    def targets(self):
        def r(key, peer, base='jembed'):
            j, p = self.median(base, key), self.median(peer, key)
            return None if j is None or p is None or p == 0 else j / p

        def scaling(key):
            j, c = self.median('jembed', key), self.median('c', key)
            return None if j is None or c is None or c == 0 else j / c

        rows = [
            ('per call `add` ≤ 1.25 × FFM upcall stub (wall)', r('percall_add_ns', 'ffm'), '≤', 1.25),
            ('per call `add` ≤ 1.25 × FFM upcall stub (process CPU)', r('percall_cpu_add_ns', 'ffm'), '≤', 1.25),
            ('per call `do_stuff` ≤ 1.25 × FFM upcall stub (wall)', r('percall_do_stuff_ns', 'ffm'), '≤', 1.25),
            ('per call `do_stuff` ≤ 1.25 × FFM upcall stub (process CPU)', r('percall_cpu_do_stuff_ns', 'ffm'), '≤', 1.25),
            ('cold first call ≤ 1.0 × hand JNI (default start, wall)', r('cold_first_call_ms', 'jni'), '≤', 1.0),
            ('cold first call ≤ 0.85 × hand JNI (with the start-up cache, wall)',
             r('cold_first_call_ms', 'jni', AOT_PEER), '≤', 0.85),
            ('cold first call ≤ 0.85 × hand JNI (with the start-up cache, process CPU)',
             r('cold_cpu_ms', 'jni', AOT_PEER), '≤', 0.85),
            ('2/1-thread ratio of `add` ≥ 0.9 × direct C\'s', scaling('tput_ratio_add'), '≥', 0.9),
            ('2/1-thread ratio of a handle lookup ≥ 0.9 × direct C\'s', scaling('tput_ratio_unbox'), '≥', 0.9),
            ('RSS after the first call ≤ 40 MB', self.median('jembed', 'rss_after_first_call_MB'), '≤', 40),
            ('SQLite whole query ≤ 1.5 × the C function (wall)', r('sqlite_query_s', 'c'), '≤', 1.5),
            ('SQLite whole query ≤ 1.5 × the C function (process CPU)', r('sqlite_query_cpu_s', 'c'), '≤', 1.5),
            ('SQLite peak RSS ≤ 80 MB', self.median('jembed', 'sqlite_peak_rss_MB'), '≤', 80),
        ]
        lines = ['| target (issue 7) | measured | met? |', '|---|---|---|']
        for label, v, op, limit in rows:
            if v is None:
                met = '—'
            else:
                met = 'yes' if (v <= limit if op == '≤' else v >= limit) else 'no'
            lines.append(f'| {label} | {fmt(v) if v is not None else "—"} | {met} |')
        return '\n'.join(lines)

    def report(self, header):
        a = self.args
        parts = [header,
                 f'Medians (min–max) of fresh processes, peers interleaved: {a.runs} warm processes per peer '
                 f'({a.seconds} s per timed loop, after a warm-up loop as long), {a.cold_runs} cold processes per '
                 f'peer, {a.sql_runs} SQLite runs over {a.rows:,} rows, {a.mvn_runs} archetype builds. Ratios are '
                 f'of medians (jembed ÷ peer: below 1 means jembed is faster or smaller for times and sizes, '
                 f'slower for throughputs).',
                 '', '## Calls', '', self.call_table(), '',
                 'Peers: direct C = the same functions in a plain C `.so`; hand JNI = `JNI_CreateJavaVM`, cached '
                 '`jmethodID`s, `JNIEnv` cached in a `__thread` variable, `CallStatic<T>MethodA`, a global reference '
                 'as the handle, struct fields passed as two `int`s; FFM upcall = the same bootstrap, then '
                 '`Linker.upcallStub` per function, a struct pointer read by FFM, a hand-written handle table; CFFI '
                 '= Debian `python3-cffi` embedding (`@ffi.def_extern`, `ffi.new_handle`). `.so` size excludes '
                 f'the JNI/FFM peers\' `peers.jar` ({os.path.getsize(os.path.join(self.build, "peers.jar")) / 1024:.1f} KB) '
                 'and CFFI\'s libpython.',
                 '', '## SQLite: `SELECT sum(f(i))` over a recursive CTE of 1..N, `f` registered from user C', '',
                 self.sqlite_table(), '',
                 'Whole query = prepare to last step, including the lazy start of the jembed library on the first '
                 'row; `f(i)` passes the row as text.',
                 '', '## Build: the archetype\'s project', '', self.mvn_table(), '',
                 '## Targets', '', self.targets(), '']
        if self.failures:
            parts += ['## Failures', ''] + [f'- {f}' for f in self.failures] + ['']
        parts += ['## Raw values', '', '```']
        for (peer, key), v in sorted(self.data.items()):
            parts.append(f'{peer} {key} ' + ' '.join(fmt(x) for x in v))
        parts += ['```', '']
        return '\n'.join(parts)


def scaling_note(suite):
    c = suite.median('c', 'tput_ratio_add')
    if c is None or c >= 1.5:
        return ''
    return (f'; direct C\'s 2/1-thread ratio is {c:.2f}: in this run 2 threads got little more CPU than 1, so a '
            f'2/1-thread ratio shows threads serialising only where it falls below direct C\'s')


def sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
    except OSError:
        return ''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--command', required=True)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--seconds', type=float, default=0.5)
    ap.add_argument('--cold-runs', type=int, default=15)
    ap.add_argument('--sql-runs', type=int, default=5)
    ap.add_argument('--rows', type=int, default=1000000)
    ap.add_argument('--mvn-runs', type=int, default=3)
    ap.add_argument('--jembed-version', default='0.1.0-SNAPSHOT')
    ap.add_argument('--note', default='')
    ap.add_argument('--build-seconds', type=int, default=-1)
    ap.add_argument('--jembed-label', default='jembed', help='the column label of the jembed peer')
    ap.add_argument('--jembed-variants', default='', help='more jembed peers, e.g. jembed-jni,jembed-ffm')
    a = ap.parse_args()
    PEERS[-1] = ('jembed', a.jembed_label)
    for v in filter(None, a.jembed_variants.split(',')):
        PEERS.append((v, f'jembed ({v.removeprefix("jembed-")})'))
        SQL_PEERS.append(v)
    caches = {kind: os.path.join(a.build, f'{kind}_jembed.aot') for kind in ('peer', 'sqlfn')}
    if all(os.path.isfile(f) for f in caches.values()):
        PEERS.append((AOT_PEER, f'{a.jembed_label} + start-up cache'))
        SQL_PEERS.append(AOT_PEER)
        for kind, f in caches.items():
            AOT_ENV[(kind, AOT_PEER)] = (f'{kind.upper()}_JEMBED_JVM_OPTIONS', f'-XX:AOTCache={f}')

    suite = Suite(a)
    started = time.time()
    load0 = os.getloadavg()
    suite.measure()
    load1 = os.getloadavg()
    took = time.time() - started
    java = os.path.join(os.environ.get('JAVA_HOME', ''), 'bin', 'java')
    jdk = sh(f'"{java}" -version 2>&1 | sed -n 2p') or '?'
    cpu = sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1") or platform.processor()
    here = os.path.dirname(os.path.abspath(__file__))
    commit = sh(f'git -C "{here}" describe --always --dirty') or '?'
    branch = sh(f'git -C "{here}" rev-parse --abbrev-ref HEAD') or '?'
    sqlite_version = sh('sqlite3 --version').split(' ')[0] or '?'
    header = '\n'.join([
        f'# jembed benchmark suite, {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started))}', '',
        f'- command: `{a.command}`',
        f'- machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}',
        f'- JDK: {jdk} (`{os.environ.get("JAVA_HOME", "")}`); Python (CFFI): {sh("/usr/bin/python3 --version")}; '
        f'SQLite {sqlite_version}',
        f'- commit: `{commit}` (branch `{branch}`)',
        f'- load average (1 min) {load0[0]:.1f} at start, {load1[0]:.1f} at end'
        + (' — other processes were running: absolute figures are noisy, compare ratios' if max(load0[0], load1[0]) > 1.5 else '')
        + scaling_note(suite),
        f'- time: measurement {took / 60:.1f} min'
        + (f', after building jembed and the peers in {a.build_seconds / 60:.1f} min' if a.build_seconds >= 0 else '') + (f'\n- note: {a.note}' if a.note else ''), ''])
    text = suite.report(header)
    print(text)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, 'w') as f:
        f.write(text)
    print(f'written to {a.out}', file=sys.stderr)
    return 1 if suite.failures else 0


if __name__ == '__main__':
    sys.exit(main())
