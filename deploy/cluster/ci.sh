#!/usr/bin/env bash
# CI's last step (.ci/run), after the two test runs: start the cluster, prove what it must
# keep (`make cluster-check`), and stop it, also when a step fails or runs out of time.
#
# The cluster has PostgreSQL servers of its own on :5441 and :5442 and Redis database 9, so
# it touches neither the PostgreSQL on :5432 nor the test runs' databases. Each step has a
# time limit (timeout signals the whole step, its children too), so CI cannot hang here.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLUSTER_DIR="${CLUSTER_DIR:-/tmp/signaal-cluster}"
START_SECONDS="${CLUSTER_START_TIMEOUT:-900}"
CHECK_SECONDS="${CLUSTER_CHECK_TIMEOUT:-600}"

finish() {
  local status=$?
  if [ "$status" != 0 ] && [ -d "$CLUSTER_DIR/logs" ]; then
    echo "The cluster failed (exit $status); the end of its logs:" >&2
    tail -n 15 "$CLUSTER_DIR"/logs/*.log >&2 || true
  fi
  timeout 120 make cluster-stop || echo "make cluster-stop failed or took over 120 s" >&2
  exit "$status"
}

make check-haproxy
trap finish EXIT
started=$SECONDS
timeout --kill-after=30 "$START_SECONDS" make cluster
echo "The cluster started in $((SECONDS - started)) s."
timeout --kill-after=30 "$CHECK_SECONDS" make cluster-check
