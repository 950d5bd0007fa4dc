#!/usr/bin/env bash
# The test run's second broker, the one suites restart mid-run (kafka.sh on another port): the
# suites that only use a broker keep theirs up while a restart is under way.
#
#   .ci/kafka-restartable.sh start|stop|restart|status
set -euo pipefail
export CHIDAO_KAFKA_PORT=${CHIDAO_KAFKA_RESTARTABLE_PORT:-9094}
unset CHIDAO_KAFKA_CONTROLLER_PORT CHIDAO_KAFKA_STATE
exec "$(cd "$(dirname "$0")" && pwd)/kafka.sh" "$@"
