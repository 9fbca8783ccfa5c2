#!/usr/bin/env bash
# summary.sh: totals of DejaGnu .sum files, in a form CI understands.
#
#   testsuite/summary.sh build/testsuite/parc.sum [more.sum ...]
#
# Prints the failures, the count of each result kind per file and in all,
# then as its last line "N passed, N failed": passed counts PASS lines, failed
# counts FAIL, XPASS, UNRESOLVED and ERROR lines.  ERROR lines are counted in
# the .log beside each .sum as well (some reach only the log); a file's ERROR
# count is the larger of the two.  A .sum that is missing counts as one ERROR.
# Exits 1 when anything failed or nothing passed.
set -uo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 FILE.sum..." >&2
    exit 2
fi

kinds="PASS FAIL XPASS XFAIL KPASS KFAIL UNRESOLVED UNTESTED UNSUPPORTED ERROR WARNING"
declare -A total
for k in $kinds; do total[$k]=0; done

count() { # count KIND FILE
    grep -c "^$1: " "$2" 2>/dev/null || true
}

for sum in "$@"; do
    declare -A n=()
    if [ ! -f "$sum" ]; then
        echo "$sum: missing (the tests did not run)"
        for k in $kinds; do n[$k]=0; done
        n[ERROR]=1
    else
        for k in $kinds; do n[$k]=$(count "$k" "$sum"); done
        grep -E '^(FAIL|XPASS|UNRESOLVED|ERROR): ' "$sum" | sed "s|^|$sum: |"
        log=${sum%.sum}.log
        if [ -f "$log" ]; then
            e=$(count ERROR "$log")
            if [ "$e" -gt "${n[ERROR]}" ]; then
                n[ERROR]=$e
                grep '^ERROR: ' "$log" | sed "s|^|$log: |"
            fi
        fi
    fi
    line="$sum:"
    for k in $kinds; do
        [ "${n[$k]}" -gt 0 ] && line="$line ${n[$k]} $k"
        total[$k]=$((total[$k] + n[$k]))
    done
    echo "$line"
    unset n
done

line="total:"
for k in $kinds; do
    [ "${total[$k]}" -gt 0 ] && line="$line ${total[$k]} $k"
done
echo "$line"

passed=${total[PASS]}
failed=$((total[FAIL] + total[XPASS] + total[UNRESOLVED] + total[ERROR]))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
