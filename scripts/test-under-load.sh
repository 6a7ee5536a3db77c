#!/usr/bin/env bash
# Runs `npm test` N times in a row (default 5) while two busy loops keep both cores loaded, and
# appends one line per run to bench/results/test-under-load.md (issue 19: no test may depend on timing).
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
node -e "for(;;){}" & busy1=$!
node -e "for(;;){}" & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null' EXIT
out=bench/results/test-under-load.md
{
  echo ""
  echo "## $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, 2 busy loops (commit $(git rev-parse --short HEAD))"
} >> "$out"
failed=0
for i in $(seq 1 "$runs"); do
  started=$(date +%s)
  log=$(mktemp)
  npm test > "$log" 2>&1
  rc=$?
  [ $rc -eq 0 ] || failed=1
  echo "- run $i: exit $rc in $(( $(date +%s) - started )) s; $(grep -E '^# (tests|pass|fail|cancelled|skipped) ' "$log" | tr -d '#' | tr '\n' ',' | sed 's/,$//')" >> "$out"
  # A failing run's log is kept (its path is in the line) so the failure can be read afterwards.
  if [ $rc -eq 0 ]; then rm -f "$log"; else echo "  - log kept: $log" >> "$out"; fi
done
exit $failed
