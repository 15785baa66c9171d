"""Measures the host benchmarks built by bench/hosts.sh and prints the markdown report (see bench/README.md, "Real
hosts"): the same plugin in C and in Java (jembed), in Lua 5.4, Redis 7.0 and PostgreSQL 15.

Every figure is the median (min-max) over fresh processes (Lua interpreters, Redis servers, PostgreSQL backends);
the C and Java peers are interleaved (c java c java ...), never run in blocks. The report goes to stdout and --out.
Usage: see bench/hosts.sh (it passes every option).
"""
import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

PEERS = [('c', 'C plugin'), ('java', 'jembed (Java plugin)')]
PG_BIN = '/usr/lib/postgresql/15/bin'

ROWS = [
    # (section, key, label, higher is better)
    ('lua', 'lua_loop_s', 'the loop, right after `require` (s)', False),
    ('lua', 'lua_loop_cpu_s', 'the loop, process CPU time (s)', False),
    ('lua', 'lua_percall_ns', 'per iteration (ns)', False),
    ('lua', 'lua_loop2_s', 'the same loop again, warm (s)', False),
    ('lua', 'lua_loop2_cpu_s', 'the same loop again, process CPU time (s)', False),
    ('lua', 'lua_percall2_ns', 'the same loop again, per iteration (ns)', False),
    ('lua', 'lua_require_ms', '`require` (ms; Java: the JVM starts in `luaopen_`)', False),
    ('redis', 'redis_add_rps', '`jembed.add 1 2`, requests/s (thousands)', True),
    ('redis', 'redis_add_cpu_us', '`jembed.add 1 2`, server CPU per request (µs)', False),
    ('redis', 'redis_digitsum_rps', '`jembed.digitsum 1234567890`, requests/s (thousands)', True),
    ('redis', 'redis_digitsum_cpu_us', '`jembed.digitsum 1234567890`, server CPU per request (µs)', False),
    ('redis', 'redis_ping_rps', '`PING` (Redis alone, no module code), requests/s (thousands)', True),
    ('redis', 'redis_load_ms', 'server start with the module, until `PING` answers (ms)', False),
    ('pg', 'pg_load_ms', 'first call in a backend (ms; Java: the JVM starts)', False),
    ('pg', 'pg_digitsum_first_s', '`sum(f(i::text))` first query of the backend (s)', False),
    ('pg', 'pg_digitsum_s', '`sum(f(i::text))` second query (s)', False),
    ('pg', 'pg_add_s', '`sum(add(i, 1))` no host call (s)', False),
    ('pg', 'pg_none_s', '`sum(length(i::text))` no plugin (s; the floor)', False),
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


def process_cpu_ns(pid):
    """CPU time of every thread of pid so far (ns): the sum of /proc/<pid>/task/*/schedstat's first fields."""
    total = 0
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{tid}/schedstat') as f:
                total += int(f.read().split()[0])
        except OSError:
            pass  # a thread that ended meanwhile
    return total


class Hosts:
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

    def progress(self, what):
        print(f'[{time.strftime("%H:%M:%S")}] {what}', file=sys.stderr, flush=True)

    def run(self, peer, cmd, timeout=300, env=None, cwd=None):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                               env=None if env is None else {**os.environ, **env})
        except subprocess.TimeoutExpired:
            self.failures.append(f'{peer}: timed out: {" ".join(cmd)}')
            return None
        if p.returncode != 0:
            tail = (p.stderr.strip().splitlines() or [''])[-1]
            self.failures.append(f'{peer}: exit {p.returncode}: {" ".join(os.path.basename(c) for c in cmd)}: {tail}')
            return None
        return p.stdout

    # ---- Lua: a fresh interpreter per run ----

    def lua(self):
        a = self.args
        cpath = f'{self.build}/lua/?.so;;'
        for r in range(a.runs):
            self.progress(f'Lua, round {r + 1}/{a.runs}')
            for peer, _ in PEERS:
                out = self.run(peer, ['lua5.4', '-e', f'package.cpath = "{cpath}"', os.path.join(a.hosts, 'bench.lua'),
                                      f'jstr_{peer}', str(a.lua_calls)])
                if out is not None:
                    self.add(peer, parse(out))

    # ---- Redis: a fresh server per run, on a Unix socket of its own ----

    def redis(self):
        a = self.args
        work = tempfile.mkdtemp(prefix='jembed-bench-redis-')
        try:
            for r in range(a.runs):
                self.progress(f'Redis, round {r + 1}/{a.runs}')
                for peer, _ in PEERS:
                    self.redis_run(peer, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def redis_run(self, peer, work):
        a = self.args
        sock = os.path.join(work, 'redis.sock')
        log = os.path.join(work, f'redis-{peer}.log')
        module = os.path.join(self.build, 'redis', f'jredis_{peer}.so')
        t0 = time.monotonic()
        server = subprocess.Popen(['redis-server', '--port', '0', '--unixsocket', sock, '--loadmodule', module,
                                   '--save', '', '--appendonly', 'no', '--dir', work, '--logfile', log,
                                   '--daemonize', 'no'], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            while True:
                if server.poll() is not None:
                    self.failures.append(f'{peer}: redis-server exited with {server.returncode} (see {log})')
                    return
                if os.path.exists(sock) and subprocess.run(['redis-cli', '-s', sock, 'ping'], capture_output=True,
                                                           text=True).stdout.strip() == 'PONG':
                    break
                if time.monotonic() - t0 > 60:
                    self.failures.append(f'{peer}: redis-server not ready within 60 s')
                    return
                time.sleep(0.02)
            figures = {'redis_load_ms': (time.monotonic() - t0) * 1e3}
            bench = ['redis-benchmark', '-s', sock, '-P', str(a.redis_pipeline), '-q']
            for command, expected in ((['jembed.add', '1', '2'], '3'), (['jembed.digitsum', '1234567890'], '45')):
                got = subprocess.run(['redis-cli', '-s', sock] + command, capture_output=True, text=True).stdout.strip()
                if got != expected:
                    self.failures.append(f'{peer}: {" ".join(command)} replied {got!r}, not {expected}')
                    return
                # warm-up, untimed: a long-running server is warm (JIT-compiled, on FFM upcall stubs)
                subprocess.run(bench + ['-n', str(a.redis_warmup)] + command, capture_output=True)
            for key, command in (('add', ['jembed.add', '1', '2']), ('digitsum', ['jembed.digitsum', '1234567890']),
                                 ('ping', ['ping'])):
                cpu0 = process_cpu_ns(server.pid)
                p = subprocess.run(bench + ['-n', str(a.redis_requests)] + command, capture_output=True, text=True)
                cpu1 = process_cpu_ns(server.pid)
                m = re.findall(r'([\d.]+) requests per second', p.stdout)
                if p.returncode != 0 or not m:
                    self.failures.append(f'{peer}: redis-benchmark {" ".join(command)}: exit {p.returncode}')
                    return
                figures[f'redis_{key}_rps'] = float(m[-1]) / 1e3
                if key != 'ping':
                    figures[f'redis_{key}_cpu_us'] = (cpu1 - cpu0) / 1e3 / a.redis_requests
            self.add(peer, figures)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                self.failures.append(f'{peer}: redis-server did not stop on SIGTERM')
            if os.path.exists(sock):
                os.unlink(sock)

    # ---- PostgreSQL: one server of our own (as the postgres user), a fresh backend per run ----

    def pg(self):
        a = self.args
        top = tempfile.mkdtemp(prefix='jembed-bench-pg-')
        os.chmod(top, 0o755)
        data, sock, log = os.path.join(top, 'data'), os.path.join(top, 'sock'), os.path.join(top, 'postgres.log')
        libs = os.path.join(top, 'lib')
        started = False
        try:
            os.mkdir(libs)
            for peer, _ in PEERS:
                shutil.copy(os.path.join(self.build, 'postgres', f'jpg_{peer}.so'), libs)
                os.chmod(os.path.join(libs, f'jpg_{peer}.so'), 0o755)
            os.chmod(libs, 0o755)
            for d in (data, sock):
                os.mkdir(d)
            open(log, 'w').close()
            subprocess.run(['chown', 'postgres:', data, sock, log], check=True)
            as_pg = ['runuser', '-u', 'postgres', '--']
            subprocess.run(as_pg + [f'{PG_BIN}/initdb', '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync',
                                    '-E', 'UTF8', '--locale=C'], check=True, capture_output=True)
            subprocess.run(as_pg + [f'{PG_BIN}/pg_ctl', '-D', data, '-l', log, '-w', '-t', '60', '-o',
                                    f"-c listen_addresses='' -k {sock} -c fsync=off -c max_connections=5", 'start'],
                           check=True, capture_output=True)
            started = True
            psql = ['psql', '-h', sock, '-U', 'postgres', '-d', 'postgres', '-X', '-A', '-t', '-q',
                    '-v', 'ON_ERROR_STOP=1']
            ddl = ''.join(
                f"CREATE FUNCTION {p}digitsum(text) RETURNS int8 AS '{libs}/jpg_{peer}.so', '{p}digitsum' "
                f"LANGUAGE C STRICT IMMUTABLE;\n"
                f"CREATE FUNCTION {p}add(int4, int4) RETURNS int4 AS '{libs}/jpg_{peer}.so', '{p}add' "
                f"LANGUAGE C STRICT IMMUTABLE;\n" for peer, p in (('c', 'c'), ('java', 'j')))
            subprocess.run(psql + ['-c', ddl], check=True, capture_output=True)
            n = a.pg_rows
            for r in range(a.runs):
                self.progress(f'PostgreSQL, round {r + 1}/{a.runs}')
                for peer, _ in PEERS:
                    p = 'c' if peer == 'c' else 'j'
                    script = '\n'.join([
                        '\\timing on',
                        f"SELECT {p}digitsum('1');",
                        f'SELECT sum({p}digitsum(i::text)) FROM generate_series(1, {n}) i;',
                        f'SELECT sum({p}digitsum(i::text)) FROM generate_series(1, {n}) i;',
                        f'SELECT sum({p}add(i, 1)) FROM generate_series(1, {n}) i;',
                        f'SELECT sum(length(i::text)) FROM generate_series(1, {n}) i;', ''])
                    proc = subprocess.run(psql, input=script, capture_output=True, text=True, timeout=600)
                    if proc.returncode != 0:
                        self.failures.append(f'{peer}: psql: {proc.stderr.strip()}')
                        continue
                    times = [float(t) / 1e3 for t in re.findall(r'^Time: ([\d.]+) ms', proc.stdout, re.M)]
                    results = [l for l in proc.stdout.splitlines() if l and not l.startswith('Time:')]
                    expected = sum(sum(int(d) for d in str(i)) for i in range(1, n + 1))
                    want = ['1', str(expected), str(expected), str(n * (n + 1) // 2 + n)]
                    if len(times) != 5 or results[:4] != want:
                        self.failures.append(f'{peer}: psql printed {results[:4]} (expected {want}), {len(times)} times')
                        continue
                    self.add(peer, {'pg_load_ms': times[0] * 1e3, 'pg_digitsum_first_s': times[1],
                                    'pg_digitsum_s': times[2], 'pg_add_s': times[3], 'pg_none_s': times[4]})
        except subprocess.CalledProcessError as e:
            self.failures.append(f'PostgreSQL: {" ".join(e.cmd[:6])}...: exit {e.returncode}: '
                                 f'{(e.stderr or b"").decode(errors="replace").strip()}')
        finally:
            if started:
                subprocess.run(['runuser', '-u', 'postgres', '--', f'{PG_BIN}/pg_ctl', '-D', data, '-w', '-m', 'fast',
                                'stop'], capture_output=True)
            with open(log) as f:
                self.pg_log = f.read()
            shutil.rmtree(top, ignore_errors=True)

    # ---- the report ----

    def ratio(self, key):
        j, c = self.median('java', key), self.median('c', key)
        if j is None or c is None or c == 0:
            return None
        return j / c

    def table(self, section, head):
        lines = [f'| {head} | ' + ' | '.join(label for _, label in PEERS) + ' | Java ÷ C |', '|---|---|---|---|']
        for sec, key, label, _ in ROWS:
            if sec == section:
                r = self.ratio(key)
                lines.append(f'| {label} | ' + ' | '.join(cell(self.values(p, key)) for p, _ in PEERS)
                             + f' | {fmt(r) if r is not None else "—"} |')
        return '\n'.join(lines)

    def targets(self):
        rows = [
            ('Lua loop ≤ 1.5 × the C module (wall)', self.ratio('lua_loop_s'), '≤', 1.5),
            ('Lua loop ≤ 1.5 × the C module (process CPU)', self.ratio('lua_loop_cpu_s'), '≤', 1.5),
            ('Redis `jembed.add` ≥ 0.9 × the C module\'s requests/s', self.ratio('redis_add_rps'), '≥', 0.9),
            ('Redis `jembed.digitsum` ≥ 0.9 × the C module\'s requests/s', self.ratio('redis_digitsum_rps'), '≥', 0.9),
        ]
        lines = ['| target (issue 16) | measured | met? |', '|---|---|---|']
        for label, v, op, limit in rows:
            met = '—' if v is None else ('yes' if (v <= limit if op == '≤' else v >= limit) else 'no')
            lines.append(f'| {label} | {fmt(v) if v is not None else "—"} | {met} |')
        return '\n'.join(lines)

    def report(self, header):
        a = self.args
        parts = [header,
                 f'Medians (min–max) of {a.runs} runs per peer, C and Java interleaved. Ratios are of medians '
                 '(Java ÷ C: above 1 means the Java plugin is slower for times, faster for requests/s).', '',
                 f'## Lua 5.4: `lua5.4 bench.lua` — `require`, then a loop of {a.lua_calls:,} calls '
                 '`digit_sum(tostring(i))`, twice', '',
                 self.table('lua', 'figure'), '',
                 'A fresh `lua5.4` per run. The first loop includes the Java plugin\'s warm-up (JIT compilation, the '
                 'switch to FFM upcall stubs); the second shows the cost per call once warm. A loop includes '
                 'everything the interpreter does per iteration '
                 '(`tostring`, the call, the addition); its process CPU time counts every thread (the JVM\'s compiler '
                 'and GC threads too). Java: the glue\'s upcall (JNI for the first 10,000 calls, then an FFM upcall '
                 'stub), then three downcalls by constant address (`lua_rawlen`, `lua_tolstring`, `lua_pushinteger`); '
                 'C: `lua_tolstring`, `lua_pushinteger`.', '',
                 f'## Redis 7.0: `redis-benchmark -P {a.redis_pipeline} -n {a.redis_requests}` on a module command', '',
                 self.table('redis', 'figure'), '',
                 f'A fresh `redis-server` (Unix socket, no persistence) per run, warmed up with {a.redis_warmup:,} '
                 'requests of each command (untimed); server CPU = all its threads (`/proc/<pid>/task/*/schedstat`) over '
                 'the run. `redis-benchmark` runs on the same 2 cores. Java: an upcall, then downcalls through '
                 'Redis\'s function-pointer variables (`add`: 2 × `RedisModule_StringToLongLong`, '
                 '`RedisModule_ReplyWithLongLong`; `digitsum`: `RedisModule_StringPtrLen`, '
                 '`RedisModule_ReplyWithLongLong`).', '',
                 f'## PostgreSQL 15: `SELECT sum(f(...)) FROM generate_series(1, {a.pg_rows:,}) i`', '',
                 self.table('pg', 'figure'), '',
                 'One server of our own (`initdb`, `pg_ctl` as the postgres user; Unix socket, `fsync=off`), a fresh '
                 'backend (`psql` session) per run; times from `\\timing`. Java `jdigitsum`: an upcall, then the '
                 'macros `DatumGetTextPP`, `VARDATA_ANY`, `VARSIZE_ANY_EXHDR` as downcalls of their C wrappers; '
                 '`jadd` reads its arguments through the `FunctionCallInfoBaseData` view and makes no downcall. '
                 'The last row is the same query on a built-in function, for both peers (its Java ÷ C is noise).', '',
                 '## Targets', '', self.targets(), '']
        if self.failures:
            parts += ['## Failures', ''] + [f'- {f}' for f in self.failures] + ['']
        parts += ['## Raw values', '', '```']
        for (peer, key), v in sorted(self.data.items()):
            parts.append(f'{peer} {key} ' + ' '.join(fmt(x) for x in v))
        parts += ['```', '']
        return '\n'.join(parts)


def sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
    except OSError:
        return ''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True, help='bench/target/hosts, as bench/hosts.sh built it')
    ap.add_argument('--hosts', required=True, help='bench/hosts (bench.lua)')
    ap.add_argument('--out', required=True)
    ap.add_argument('--command', required=True)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--lua-calls', type=int, default=1000000)
    ap.add_argument('--redis-requests', type=int, default=1000000)
    ap.add_argument('--redis-warmup', type=int, default=200000)
    ap.add_argument('--redis-pipeline', type=int, default=32)
    ap.add_argument('--pg-rows', type=int, default=1000000)
    ap.add_argument('--only', default='lua,redis,pg', help='which hosts to measure')
    ap.add_argument('--note', default='')
    ap.add_argument('--dispatch', default='auto')
    ap.add_argument('--build-seconds', type=int, default=-1)
    a = ap.parse_args()

    hosts = Hosts(a)
    started = time.time()
    load0 = os.getloadavg()
    only = a.only.split(',')
    if 'lua' in only:
        hosts.lua()
    if 'redis' in only:
        hosts.redis()
    if 'pg' in only:
        hosts.pg()
    load1 = os.getloadavg()
    took = time.time() - started
    java = os.path.join(os.environ.get('JAVA_HOME', ''), 'bin', 'java')
    jdk = sh(f'"{java}" -version 2>&1 | sed -n 2p') or '?'
    cpu = sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1") or platform.processor()
    here = os.path.dirname(os.path.abspath(__file__))
    commit = sh(f'git -C "{here}" describe --always --dirty') or '?'
    branch = sh(f'git -C "{here}" rev-parse --abbrev-ref HEAD') or '?'
    versions = '; '.join(filter(None, [sh('lua5.4 -v 2>&1').split(' Copyright')[0],
                                       'Redis ' + (re.findall(r'v=(\S+)', sh('redis-server --version')) or ['?'])[0],
                                       sh(f'{PG_BIN}/postgres --version')]))
    header = '\n'.join([
        f'# jembed host benchmarks, {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started))}', '',
        f'- command: `{a.command}`',
        f'- machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}',
        f'- JDK: {jdk} (`{os.environ.get("JAVA_HOME", "")}`); hosts: {versions}',
        f'- jembed dispatch: `{a.dispatch}`; commit: `{commit}` (branch `{branch}`)',
        f'- load average (1 min) {load0[0]:.1f} at start, {load1[0]:.1f} at end'
        + (' — other processes were running: absolute figures are noisy, compare ratios' if max(load0[0], load1[0]) > 1.5 else ''),
        f'- time: measurement {took / 60:.1f} min'
        + (f', after building jembed and the plugins in {a.build_seconds / 60:.1f} min' if a.build_seconds >= 0 else '')
        + (f'\n- note: {a.note}' if a.note else ''), ''])
    text = hosts.report(header)
    print(text)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, 'w') as f:
        f.write(text)
    print(f'written to {a.out}', file=sys.stderr)
    return 1 if hosts.failures else 0


if __name__ == '__main__':
    sys.exit(main())
