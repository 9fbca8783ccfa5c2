#!/usr/bin/env bash
# quickstart.sh: from a fresh Debian 12 (run as root) to a built, measured or
# tested parc.
#
#   ./quickstart.sh          installs the Debian packages that are missing,
#                            builds in build/ and times examples/fib (the hand
#                            API) and examples/fib-pragma (the same program
#                            with pragmas, built by the GCC plugin when it is
#                            built) with one worker and with all of them
#   ./quickstart.sh check    installs and builds the same way, runs the whole
#                            testsuite in build/, the runtime, heap, process
#                            and example tests again with a collection at
#                            every allocation (PARC_GC_STRESS=1, results in
#                            build/testsuite/gcstress/), then the runtime
#                            tests under ThreadSanitizer in build-tsan/, and
#                            prints
#                            "N passed, N failed" as its last line; exits
#                            non-zero on any failure
#
# gcc-12-source (80 MB) holds GCC's own C torture programs, which the
# testsuite's parc.torture/ compiles with and without the plugin.
#
# Environment:
#   PARC_TEST_SCALE        problem-size factor of the tests in build/ (1.0)
#   PARC_TSAN_TEST_SCALE   the same for the ThreadSanitizer pass (0.1)
#   PARC_STRESS_TEST_SCALE the same for the PARC_GC_STRESS pass (0.1)
#
# The build directories are configured once and reused; delete one to
# configure it afresh.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"

usage() {
    echo "usage: $0 [check]" >&2
    exit 2
}

mode=${1:-run}
case $mode in
run | check) ;;
*) usage ;;
esac
[ $# -le 1 ] || usage

jobs=$(nproc)

packages=(
    build-essential gcc g++ make autoconf automake libtool autoconf-archive
    pkg-config dejagnu gcc-12-plugin-dev valgrind libtbb-dev libgc-dev python3
    clang-14 libomp-14-dev
    erlang-nox golang-go
    gcc-12-source
    golang-go
)

install_packages() {
    local missing=() p sudo=
    if ! command -v dpkg-query >/dev/null; then
        echo "quickstart: no dpkg-query; not a Debian system, installing nothing"
        return 0
    fi
    for p in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
            grep -q '^install ok installed$'; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -gt 0 ] || return 0

    echo "quickstart: installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then
            sudo=sudo
        else
            echo "quickstart: run as root to install ${missing[*]}" >&2
            exit 1
        fi
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Regenerates configure when it is missing or older than its sources; the
# Makefiles regenerate the rest themselves.
bootstrap() {
    local f
    if [ ! -x configure ]; then
        ./autogen.sh
        return
    fi
    for f in configure.ac m4/*.m4; do
        if [ "$f" -nt configure ]; then
            ./autogen.sh
            return
        fi
    done
}

# build_tree DIR [CONFIGURE-ARGS...]: configures DIR once, then makes it.
build_tree() {
    local dir=$1
    shift
    mkdir -p "$dir" || return 1
    if [ ! -f "$dir/config.status" ]; then
        (cd "$dir" && ../configure "$@") || return 1
    fi
    make -C "$dir" -j"$jobs" || return 1
}

time_of() { # prints the time_s= value of a fib run's output
    sed -n 's/.*time_s=\([0-9.eE+-]*\).*/\1/p' | head -n 1
}

# speedup NAME PROGRAM: runs PROGRAM with 1 worker and with $jobs, showing
# each output, then prints NAME's two times and the speedup.
speedup() {
    local name=$1 prog=$2 out1 outn t1 tn
    echo "quickstart: $prog with 1 worker"
    out1=$(PARC_WORKERS=1 "$prog")
    echo "$out1"
    echo "quickstart: $prog with $jobs workers"
    outn=$(PARC_WORKERS=$jobs "$prog")
    echo "$outn"
    t1=$(time_of <<<"$out1")
    tn=$(time_of <<<"$outn")
    if [ -z "$t1" ] || [ -z "$tn" ]; then
        echo "quickstart: $prog printed no time_s=" >&2
        exit 1
    fi
    awk -v name="$name" -v t1="$t1" -v tn="$tn" -v n="$jobs" 'BEGIN {
        printf "%s: 1 worker %.3f s, %d workers %.3f s, speedup %.2f\n",
            name, t1, n, tn, (tn > 0 ? t1 / tn : 0)
    }'
}

install_packages
bootstrap

if [ "$mode" = run ]; then
    build_tree build
    speedup fib build/examples/fib
    # Built only when configure found the GCC plugin headers.
    if [ -x build/examples/fib-pragma ]; then
        speedup fib-pragma build/examples/fib-pragma
    else
        echo "quickstart: no build/examples/fib-pragma: the GCC plugin is" \
            "not built (see configure's summary)"
    fi
    exit 0
fi

# check: a failed step leaves its .sum missing, which summary.sh counts.
sums=(build/testsuite/parc.sum build/testsuite/gcstress/parc.sum
      build/testsuite/pausegoal/parc.sum build-tsan/testsuite/parc.sum)
rm -f build/testsuite/parc.{sum,log} build/testsuite/gcstress/parc.{sum,log} \
    build/testsuite/pausegoal/parc.{sum,log} build-tsan/testsuite/parc.{sum,log}

echo "quickstart: the whole testsuite in build/"
if build_tree build; then
    make -C build check || true
    # The folders whose programs allocate in parc's heaps, with a collection
    # at every allocation (the plugin's tests compile and run programs that
    # do not allocate there: the plain pass covers them).
    echo "quickstart: the same programs collecting at every allocation"
    mkdir -p build/testsuite/gcstress
    PARC_GC_STRESS=1 PARC_TEST_SCALE=${PARC_STRESS_TEST_SCALE:-0.1} \
        make -C build check RUNTESTFLAGS="--outdir gcstress runtime.exp heap.exp proc.exp comms.exp examples.exp" || true
    # The heaps' and processes' programs with a pause goal: minor
    # collections sized to it and full ones marked incrementally, in slices
    # between allocations (docs/heap.md), which the default never does.
    echo "quickstart: the heap and process programs with a pause goal"
    mkdir -p build/testsuite/pausegoal
    PARC_GC_PAUSE_US=1000 PARC_TEST_SCALE=${PARC_PAUSE_TEST_SCALE:-0.3} \
        make -C build check RUNTESTFLAGS="--outdir pausegoal heap.exp proc.exp examples.exp" || true
else
    echo "quickstart: build/ did not build" >&2
fi

echo "quickstart: the runtime and plugin tests under ThreadSanitizer in build-tsan/"
if build_tree build-tsan --enable-sanitizer=thread; then
    # atexit_sleep_ms=0: TSan otherwise sleeps 1 s at each exit of a
    # process with threads, which only the tests that fork children notice.
    PARC_TEST_SCALE=${PARC_TSAN_TEST_SCALE:-0.1} \
    TSAN_OPTIONS="atexit_sleep_ms=0 halt_on_error=1 ${TSAN_OPTIONS:-}" \
        make -C build-tsan check RUNTESTFLAGS="runtime.exp plugin.exp heap.exp proc.exp comms.exp" || true
else
    echo "quickstart: build-tsan/ did not build" >&2
fi

exec testsuite/summary.sh "${sums[@]}"
