#!/bin/sh
# Builds platform_test.c with jembed's platform layer (velocity-templates/.../templates/jembed_platform_*.c) for every
# platform whose tools are installed, and runs it: natively (gcc), under qemu-aarch64 (aarch64-linux-gnu-gcc) and
# under wine (x86_64-w64-mingw32-gcc; the .exe must import only KERNEL32 and msvcrt). No JVM needed.
# Usage: velocity-templates/src/test/c/run.sh [work dir, default /tmp/jembed-platform-test]. Exit status: failures.
set -u
here=$(cd "$(dirname "$0")" && pwd)
templates=$here/../../main/resources/org/jembed/templates
work=${1:-/tmp/jembed-platform-test}
mkdir -p "$work"
flags="-std=gnu11 -O2 -Wall -Wextra -Werror -I$templates"
failed=0
run() { # name, then the command
    name=$1; shift
    echo "== $name"
    if "$@"; then :; else echo "== $name: FAILED"; failed=$((failed + 1)); fi
}
if command -v gcc >/dev/null; then
    run linux-native sh -c "gcc $flags '$here/platform_test.c' '$templates'/jembed_platform_*.c -o '$work/pt' -lpthread -ldl && '$work/pt'"
else
    echo "== linux-native: skipped, no gcc"
fi
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
    run linux-aarch_64 sh -c "aarch64-linux-gnu-gcc $flags '$here/platform_test.c' '$templates'/jembed_platform_*.c -o '$work/pt-aarch64' -lpthread -ldl && qemu-aarch64 -L /usr/aarch64-linux-gnu '$work/pt-aarch64'"
else
    echo "== linux-aarch_64: skipped, no aarch64-linux-gnu-gcc or qemu-aarch64 (Debian: gcc-aarch64-linux-gnu qemu-user)"
fi
if command -v x86_64-w64-mingw32-gcc >/dev/null && command -v wine >/dev/null; then
    run windows-x86_64 sh -c "x86_64-w64-mingw32-gcc $flags -static-libgcc '$here/platform_test.c' '$templates'/jembed_platform_*.c -o '$work/pt.exe' \
        && ! x86_64-w64-mingw32-objdump -p '$work/pt.exe' | grep 'DLL Name' | grep -viE 'KERNEL32.dll|msvcrt.dll' \
        && WINEPREFIX='$work/wine' WINEDEBUG=-all wine '$work/pt.exe' 2>/dev/null"
else
    echo "== windows-x86_64: skipped, no x86_64-w64-mingw32-gcc or wine (Debian: gcc-mingw-w64-x86-64 wine)"
fi
echo "$failed platform(s) failed"
exit "$failed"
