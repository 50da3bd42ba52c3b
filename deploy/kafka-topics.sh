#!/usr/bin/env bash
# Creates the topics the job writes (the same as k8s/kafka-topics.yaml, for a Kafka cluster without
# Strimzi), and the events topic when EVENTS_TOPIC is set (a local stack; Event Hubs has its own).
#
#   deploy/kafka-topics.sh BOOTSTRAP_SERVERS
#
# Settings (environment): KAFKA_TOPICS (kafka-topics.sh on PATH), REPLICATION_FACTOR (3),
# EVENTS_TOPIC and EVENTS_PARTITIONS (4).
set -euo pipefail
bootstrap="${1:?usage: kafka-topics.sh BOOTSTRAP_SERVERS}"
topics="${KAFKA_TOPICS:-kafka-topics.sh}"
replication="${REPLICATION_FACTOR:-3}"
min_isr=$(( replication > 1 ? 2 : 1 ))
month=2592000000
day=86400000

create() { # NAME PARTITIONS CONFIG...
  local name="$1" partitions="$2"; shift 2
  local configs=()
  for config in "$@"; do configs+=(--config "$config"); done
  "$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replication" "${configs[@]}"
}

# key series/day: compaction keeps each day's newest record; corrections settle for a day first
create dkim-trend-daily 1 cleanup.policy=compact min.compaction.lag.ms=$day min.insync.replicas=$min_isr
# key series/day/metric: a confirmed or withdrawn alert replaces the preliminary one
create dkim-trend-alerts 1 cleanup.policy=compact min.compaction.lag.ms=$day min.insync.replicas=$min_isr
create dkim-trend-dead-letters 1 cleanup.policy=delete retention.ms=$month min.insync.replicas=$min_isr
create dkim-trend-late-events 1 cleanup.policy=delete retention.ms=$month min.insync.replicas=$min_isr
if [[ -n "${EVENTS_TOPIC:-}" ]]; then
  # Event Hubs messages reach 1 MB (Premium: up to 20 MB); the sample's largest is 3.5 MB
  create "$EVENTS_TOPIC" "${EVENTS_PARTITIONS:-4}" max.message.bytes=8388608
fi
