#!/usr/bin/env bash
# A real Flink 2.2 standalone cluster on 127.0.0.1 from Maven Central jars, without Docker and
# without a Flink download: one JobManager JVM and one JVM per TaskManager, started and stopped
# by PID. See deploy/README.md.
#
#   cluster.sh start [N] [--ha]           JobManager and N TaskManagers (default 2); web UI on $REST_PORT;
#                                         --ha: high availability with a ZooKeeper on $ZK_PORT and a
#                                         standby JobManager (web UI on $STANDBY_REST_PORT) that takes
#                                         the jobs over from the HA store when the leader dies
#   cluster.sh submit JAR [flags...]      upload the job jar over REST and run it; prints the job id
#   cluster.sh taskmanager [NAME]         start one more TaskManager
#   cluster.sh jobmanager NAME            with --ha: start jobmanager or jobmanager-2 again (after it
#                                         died) as a standby, on its own ports
#   cluster.sh wait JOB_ID [SECONDS]      wait until the job ends; prints its state and duration
#   cluster.sh status                     the processes and the TaskManagers the JobManager knows
#   cluster.sh leader                     the name of the JobManager that leads now (jobmanager, jobmanager-2)
#   cluster.sh stop                       stop every process this script started
#
# Settings (environment): CLUSTER_DIR (default target/local-cluster under the project), REST_PORT
# (8081), RPC_PORT (6123), STANDBY_REST_PORT (8082), STANDBY_RPC_PORT (6124), ZK_PORT (2181),
# PARALLELISM (for submit; default: the job's --parallelism or 1),
# JM_MEMORY (1g), TM_MEMORY (1g), SLOTS (1 per TaskManager), JAVA (java on PATH or $JAVA_HOME),
# MAVEN_HOME (mvn on PATH), MAVEN_REPO_LOCAL (Maven's default local repository).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$(cd "$HERE/../.." && pwd)"
CLUSTER_DIR="${CLUSTER_DIR:-$PROJECT/target/local-cluster}"
REST_PORT="${REST_PORT:-8081}"
RPC_PORT="${RPC_PORT:-6123}"
STANDBY_REST_PORT="${STANDBY_REST_PORT:-8082}"
STANDBY_RPC_PORT="${STANDBY_RPC_PORT:-6124}"
ZK_PORT="${ZK_PORT:-2181}"
JM_MEMORY="${JM_MEMORY:-1g}"
TM_MEMORY="${TM_MEMORY:-1g}"
SLOTS="${SLOTS:-1}"
if [[ -n "${MAVEN_HOME:-}" ]]; then MVN="$MAVEN_HOME/bin/mvn"; else MVN=mvn; fi
if [[ -n "${JAVA:-}" ]]; then :; elif [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

CONF="$CLUSTER_DIR/conf"
LOGS="$CLUSTER_DIR/logs"
PIDS="$CLUSTER_DIR/pids"
REST="http://127.0.0.1:$REST_PORT"
STANDBY_REST="http://127.0.0.1:$STANDBY_REST_PORT"

# What flink-dist's default env.java.opts.all gives every JVM on Java 17 (only Flink's own start
# scripts read that key); without them a job submitted over REST fails on java.util reflection.
MODULE_FLAGS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

die() { echo "cluster.sh: $*" >&2; exit 1; }

# The cluster's lib/: resolved once by Maven from the pom beside this script.
classpath() {
  local file="$CLUSTER_DIR/classpath.txt"
  if [[ ! -s "$file" || "$HERE/pom.xml" -nt "$file" ]]; then
    mkdir -p "$CLUSTER_DIR"
    echo "Resolving the cluster classpath with Maven (first time only)..." >&2
    "$MVN" -B -q -f "$HERE/pom.xml" ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local="$MAVEN_REPO_LOCAL"} \
      dependency:build-classpath -Dmdep.outputFile="$file" >&2 \
      || die "Maven could not resolve $HERE/pom.xml"
  fi
  cat "$file"
}

write_config() { # [ha]
  mkdir -p "$CONF" "$LOGS" "$PIDS" "$CLUSTER_DIR/tmp"
  cat > "$CONF/config.yaml" <<YAML
# Written by cluster.sh; edited copies are overwritten on the next start.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $REST_PORT
# the job jar carries its connectors; allow jars bigger than the 100 MiB default
rest.server.max-content-length: 268435456
jobmanager.memory.process.size: $JM_MEMORY
taskmanager.memory.process.size: $TM_MEMORY
taskmanager.numberOfTaskSlots: $SLOTS
# a lost TaskManager is noticed within seconds, and the job restarts from its last checkpoint
heartbeat.interval: 2 s
heartbeat.timeout: 15 s
restart-strategy.type: exponential-delay
restart-strategy.exponential-delay.initial-backoff: 1 s
restart-strategy.exponential-delay.max-backoff: 2 min
restart-strategy.exponential-delay.backoff-multiplier: 2.0
restart-strategy.exponential-delay.reset-backoff-threshold: 1 h
execution.checkpointing.tolerable-failed-checkpoints: 5
io.tmp.dirs: $CLUSTER_DIR/tmp
web.tmpdir: $CLUSTER_DIR/tmp
web.upload.dir: $CLUSTER_DIR/tmp
blob.storage.directory: $CLUSTER_DIR/tmp
YAML
  if [[ "${1:-}" == ha ]]; then
    cat >> "$CONF/config.yaml" <<YAML
# --ha: the leader is elected in ZooKeeper; job graphs, jars and the pointers to the latest
# checkpoints are in the HA store, from which a standby JobManager takes a job over
high-availability.type: zookeeper
high-availability.zookeeper.quorum: 127.0.0.1:$ZK_PORT
high-availability.storageDir: file://$CLUSTER_DIR/ha
high-availability.cluster-id: /dkim-trend
# a JobManager killed with SIGKILL loses its leadership when its ZooKeeper session expires: 15 s
# instead of 60 s lets the standby take over sooner
high-availability.zookeeper.client.session-timeout: 15 s
# a ZooKeeper on loopback without authentication: no SASL login to attempt
zookeeper.sasl.disable: true
YAML
    cat > "$CONF/zoo.cfg" <<ZOO
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$CLUSTER_DIR/zookeeper
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
ZOO
  fi
  cat > "$CONF/log4j.properties" <<'PROPERTIES'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.name = file
appender.file.type = File
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
PROPERTIES
}

# Flink's start scripts compute JVM memory flags and dynamic properties with BashJavaUtils.
resource_params() { # GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS
  local cp="$1" what="$2" output
  output="$("$JAVA" -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$what" --configDir "$CONF" 2>&1)" \
    || die "BashJavaUtils $what failed: $output"
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

launch() { # NAME MAIN_CLASS RESOURCE_KIND [extra args...]
  local name="$1" main="$2" kind="$3"; shift 3
  local cp params jvm dynamic
  cp="$(classpath)"
  params="$(resource_params "$cp" "$kind")"
  jvm="$(sed -n 1p <<<"$params")"
  dynamic="$(sed -n 2p <<<"$params")"
  # a process started again under the same name writes a fresh log (cluster.sh leader reads it)
  [[ -f "$LOGS/$name.log" ]] && mv "$LOGS/$name.log" "$LOGS/$name.log.$(date +%s)"
  # shellcheck disable=SC2086 # the computed flags are space-separated words
  nohup "$JAVA" $jvm "${MODULE_FLAGS[@]}" -Djava.io.tmpdir="$CLUSTER_DIR/tmp" \
    -Dlog.file="$LOGS/$name.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -cp "$cp" "$main" --configDir "$CONF" $dynamic "$@" > "$LOGS/$name.out" 2>&1 &
  echo $! > "$PIDS/$name.pid"
  echo "started $name (pid $!), log $LOGS/$name.log"
}

running() { [[ -f "$PIDS/$1.pid" ]] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

await() { # SECONDS DESCRIPTION COMMAND...
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || die "$what: not within $seconds s (logs in $LOGS)"
    sleep 1
  done
}

rest_answers() { curl -sf "$REST/overview" > /dev/null; }
standby_answers() { curl -sf "$STANDBY_REST/overview" > /dev/null; }
zookeeper_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$ZK_PORT") 2>/dev/null; }

# With --ha the first JobManager may be gone: ask whichever answers (the standby forwards to the leader).
use_answering_rest() {
  if ! rest_answers && running jobmanager-2 && standby_answers; then REST="$STANDBY_REST"; fi
}

start_zookeeper() {
  mkdir -p "$CLUSTER_DIR/zookeeper"
  nohup "$JAVA" -Xmx256m -Djava.io.tmpdir="$CLUSTER_DIR/tmp" -Dlog.file="$LOGS/zookeeper.log" \
    -Dlog4j.configurationFile="file:$CONF/log4j.properties" -cp "$(classpath)" \
    org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer --zkConfigFile "$CONF/zoo.cfg" --peerId 1 \
    > "$LOGS/zookeeper.out" 2>&1 &
  echo $! > "$PIDS/zookeeper.pid"
  echo "started zookeeper (pid $!), log $LOGS/zookeeper.log"
  await 60 "ZooKeeper on 127.0.0.1:$ZK_PORT" zookeeper_answers
}
taskmanagers() { curl -sf "$REST/taskmanagers" | grep -o '"id":"[^"]*"' | wc -l; }
has_taskmanagers() { (($(taskmanagers) >= $1)); }

start_taskmanager() {
  local name="$1"
  running "$name" && die "$name is already running"
  launch "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D taskmanager.resource-id="$name"
}

cmd_start() {
  local count=2 ha=""
  for arg in "$@"; do
    case "$arg" in --ha) ha=ha ;; *) count="$arg" ;; esac
  done
  running jobmanager && die "a cluster is already running in $CLUSTER_DIR (cluster.sh stop)"
  write_config "$ha"
  [[ -n "$ha" ]] && start_zookeeper
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS \
    --executionMode cluster
  await 120 "JobManager REST API at $REST" rest_answers
  if [[ -n "$ha" ]]; then
    start_standby jobmanager-2
  fi
  for i in $(seq 1 "$count"); do start_taskmanager "taskmanager-$i"; done
  await 120 "$count TaskManagers registered" has_taskmanagers "$count"
  echo "Flink cluster ready: web UI $REST, $count TaskManagers"
}

# A JobManager beside the leader (only with --ha, whose ZooKeeper elects between them).
start_standby() {
  local name="$1" rest_port rpc_port url
  case "$name" in
    jobmanager) rest_port="$REST_PORT"; rpc_port="$RPC_PORT"; url="$REST" ;;
    jobmanager-2) rest_port="$STANDBY_REST_PORT"; rpc_port="$STANDBY_RPC_PORT"; url="$STANDBY_REST" ;;
    *) die "a JobManager is named jobmanager or jobmanager-2" ;;
  esac
  running "$name" && die "$name is already running"
  # the ports as dynamic properties before --executionMode: the entry point stops reading options there
  launch "$name" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS \
    -D rest.port="$rest_port" -D jobmanager.rpc.port="$rpc_port" --executionMode cluster
  await 120 "JobManager REST API at $url" curl -sf "$url/overview" -o /dev/null
}

cmd_jobmanager() {
  grep -q "^high-availability.type: zookeeper" "$CONF/config.yaml" 2>/dev/null \
    || die "a second JobManager needs a cluster started with --ha"
  start_standby "${1:?usage: cluster.sh jobmanager jobmanager|jobmanager-2}"
}

cmd_taskmanager() {
  local name="${1:-taskmanager-$(date +%s)}"
  running jobmanager || die "no cluster is running in $CLUSTER_DIR"
  start_taskmanager "$name"
}

json_string() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }

cmd_submit() {
  local jar="${1:?usage: cluster.sh submit JAR [job flags...]}"; shift
  [[ -f "$jar" ]] || die "no such jar: $jar"
  use_answering_rest
  rest_answers || die "no cluster answers at $REST (cluster.sh start)"
  local upload jar_id args="" arg body response job_id
  upload="$(curl -sf -X POST -H "Expect:" -F "jarfile=@$jar;type=application/x-java-archive" "$REST/jars/upload")" \
    || die "uploading $jar failed"
  jar_id="$(grep -o '"filename":"[^"]*"' <<<"$upload" | sed 's/.*\///; s/"$//')"
  for arg in "$@"; do args+="${args:+,}$(json_string "$arg")"; done
  body="{\"programArgsList\":[$args]${PARALLELISM:+,\"parallelism\":$PARALLELISM}}"
  response="$(curl -s -X POST -H "Content-Type: application/json" -d "$body" "$REST/jars/$jar_id/run")"
  job_id="$(grep -o '"jobid":"[^"]*"' <<<"$response" | sed 's/.*:"//; s/"$//')"
  [[ -n "$job_id" ]] || die "the job did not start: $response"
  echo "$job_id"
}

cmd_wait() {
  local job="${1:?usage: cluster.sh wait JOB_ID [SECONDS]}" seconds="${2:-3600}" details state
  local deadline=$((SECONDS + seconds))
  use_answering_rest
  while :; do
    details="$(curl -sf "$REST/jobs/$job")" || die "no job $job at $REST"
    state="$(grep -o '"state":"[A-Z]*"' <<<"$details" | head -1 | sed 's/.*:"//; s/"$//')"
    case "$state" in FINISHED|FAILED|CANCELED) break ;; esac
    ((SECONDS < deadline)) || die "job $job still $state after $seconds s"
    sleep 1
  done
  echo "$state in $(grep -o '"duration":[0-9]*' <<<"$details" | head -1 | sed 's/.*://') ms"
  [[ "$state" == FINISHED ]]
}

cmd_status() {
  local pidfile name
  for pidfile in "$PIDS"/*.pid; do
    [[ -e "$pidfile" ]] || { echo "no processes started from $CLUSTER_DIR"; return; }
    name="$(basename "$pidfile" .pid)"
    if running "$name"; then echo "$name: running (pid $(cat "$pidfile"))"; else echo "$name: not running"; fi
  done
  use_answering_rest
  rest_answers && echo "JobManager at $REST knows $(taskmanagers) TaskManagers"
}

# TERM, up to 15 s to exit, then KILL; only the PIDs this script wrote.
cmd_stop() {
  local pidfile pid name
  for pidfile in "$PIDS"/*.pid; do
    [[ -e "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"; name="$(basename "$pidfile" .pid)"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; echo "killed $name (pid $pid)"
      else echo "stopped $name (pid $pid)"; fi
    fi
    rm -f "$pidfile"
  done
}

# The JobManager that leads: the one whose log last says it was granted leadership and that still runs.
cmd_leader() {
  local name
  for name in jobmanager jobmanager-2; do
    if running "$name" && grep -q "was granted leadership" "$LOGS/$name.log" 2>/dev/null; then
      echo "$name"; return
    fi
  done
  die "no running JobManager leads (logs in $LOGS)"
}

command="${1:-}"; shift || true
case "$command" in
  start) cmd_start "$@" ;;
  submit) cmd_submit "$@" ;;
  taskmanager) cmd_taskmanager "$@" ;;
  jobmanager) cmd_jobmanager "$@" ;;
  wait) cmd_wait "$@" ;;
  status) cmd_status ;;
  leader) cmd_leader ;;
  stop) cmd_stop ;;
  classpath) classpath ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
