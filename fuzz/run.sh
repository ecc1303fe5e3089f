#!/bin/sh
# Run fuzz targets one after the other, each for SECONDS (default 660), and print one line per
# run for fuzz/RUNS.md: target, seconds, executions, crashes. New inputs go to fuzz/corpus/
# (not committed); crashes to fuzz/artifacts/<target>/. Usage: fuzz/run.sh [SECONDS] TARGET...
set -u
cd "$(dirname "$0")"
secs=${1:-660}; shift
for t in "$@"; do
  case $t in rules) seeds=seeds/rules ;; config) seeds=seeds/config ;; *) seeds=seeds/drafts ;; esac
  mkdir -p corpus/$t logs
  log=logs/$t-$(date +%Y%m%dT%H%M%S).log
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O $t corpus/$t $seeds -- \
    -max_total_time=$secs -max_len=4096 -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 >$log 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' $log | grep -o '[0-9]*$')
  crash=$(grep -c 'SUMMARY: libFuzzer\|panicked at' $log)
  echo "$t secs=$secs rc=$rc execs=${execs:-?} crashes=$crash log=$log"
done
