#!/usr/bin/env bash
# A real single OpenSearch 2.19 node on 127.0.0.1 for Dossier's tests and CI: no Docker, no tarball,
# built from Maven Central by server/opensearch/pom.xml (Java 17, Maven 3.8+).
#
#   scripts/opensearch.sh start  [PORT] [DATA_DIR]   build if needed, start in the background, wait for green/yellow
#   scripts/opensearch.sh wait   [PORT]              wait until the node on PORT is green/yellow
#   scripts/opensearch.sh status [PORT]              exit 0 and print the health if it is running, 3 if not
#   scripts/opensearch.sh stop   [PORT]              stop it (TERM, then KILL after 30 s); fine if it is not running
#   scripts/opensearch.sh build                      only build server/opensearch/target/dossier-opensearch-node.jar
#
# PORT defaults to 9200. State (pid file, log, default data dir) lives outside the repository, in
# ${DOSSIER_NODE_DIR:-/tmp/dossier-opensearch}: node-PORT.pid, node-PORT.log, data-PORT/.
# Every command is idempotent: start on a running node only waits for it; stop on a stopped one says so.
#
# Environment:
#   DOSSIER_NODE_DIR        state directory (default /tmp/dossier-opensearch)
#   DOSSIER_NODE_TIMEOUT    seconds to wait for green/yellow (default 120)
#   DOSSIER_NODE_JAVA       java binary (default: java on PATH; the node needs Java 17+)
#   DOSSIER_NODE_JAVA_OPTS  JVM options (default -Xms256m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
#   DOSSIER_NODE_CDS        1 (default): build a class-data-sharing archive once and start with it; 0: don't
#   DOSSIER_NODE_USER / DOSSIER_NODE_PASSWORD
#                           when both are set at start, the node answers 401 to any request without
#                           that HTTP basic auth (and this script's own curl calls send it)
#   DOSSIER_NODE_API_KEY    when set at start, the node accepts `Authorization: ApiKey KEY` (alone, or
#                           besides basic auth) and answers 401 without it (this script's curl sends it)
#   DOSSIER_NODE_SETTINGS   extra node settings, "key=value key=value", over the launcher's defaults;
#                           e.g. "thread_pool.write.size=1 thread_pool.write.queue_size=1" makes a node
#                           that refuses concurrent bulk requests with 429 (tests of the client's retries)
#   DOSSIER_NODE_TLS        1: serve HTTPS, with a certificate for 127.0.0.1 signed by a test CA made with
#                           keytool at the first start in $STATE/tls-PORT/ (its certificate: ca.pem there,
#                           which clients trust with DOSSIER_OPENSEARCH_CA; this script's curl does)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$ROOT/server/opensearch"
JAR="$PROJECT/target/dossier-opensearch-node.jar"
CDS="$PROJECT/target/dossier-node.jsa"
STATE="${DOSSIER_NODE_DIR:-/tmp/dossier-opensearch}"
TIMEOUT="${DOSSIER_NODE_TIMEOUT:-120}"
JAVA="${DOSSIER_NODE_JAVA:-java}"
# C1 only and the serial GC: on a small CI machine the node starts in half the time, and a test's
# few documents never need C2's peak speed
read -r -a JAVA_OPTS <<<"${DOSSIER_NODE_JAVA_OPTS:--Xms256m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"

cmd="${1:-}"
PORT="${2:-9200}"
DATA="${3:-$STATE/data-$PORT}"
PIDFILE="$STATE/node-$PORT.pid"
TLS_DIR="$STATE/tls-$PORT"
if [ "${DOSSIER_NODE_TLS:-0}" = 1 ]; then
    URL="https://127.0.0.1:$PORT"
    TLS_CURL=(--cacert "$TLS_DIR/ca.pem")
else
    URL="http://127.0.0.1:$PORT"
    TLS_CURL=()
fi
LOG="$STATE/node-$PORT.log"

die() { echo "opensearch.sh: $*" >&2; exit 1; }

case "$PORT" in ''|*[!0-9]*) die "PORT must be a number, not '$PORT'" ;; esac

curl_node() {
    local auth=()
    if [ -n "${DOSSIER_NODE_USER:-}" ] && [ -n "${DOSSIER_NODE_PASSWORD+x}" ]; then
        auth=(-u "$DOSSIER_NODE_USER:$DOSSIER_NODE_PASSWORD")
    elif [ -n "${DOSSIER_NODE_API_KEY:-}" ]; then
        auth=(-H "Authorization: ApiKey $DOSSIER_NODE_API_KEY")
    fi
    curl -s -m 5 "${TLS_CURL[@]}" "${auth[@]}" "$@"
}

# The pid in the pid file, if that process is alive and is our node.
running_pid() {
    [ -f "$PIDFILE" ] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    case "$pid" in ''|*[!0-9]*) return 1 ;; esac
    [ -r "/proc/$pid/cmdline" ] || { kill -0 "$pid" 2>/dev/null || return 1; echo "$pid"; return 0; }
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'dossier-opensearch-node' || return 1
    echo "$pid"
}

health_status() {
    curl_node "$URL/_cluster/health" 2>/dev/null |
        sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'
}

log_tail() {
    if [ -f "$LOG" ]; then
        echo "---- last 40 lines of $LOG ----" >&2
        tail -n 40 "$LOG" >&2
    fi
}

jar_is_fresh() {
    [ -f "$JAR" ] && [ -d "$PROJECT/target/lib" ] &&
        [ -z "$(find "$PROJECT/pom.xml" "$PROJECT/src" -newer "$JAR" -type f 2>/dev/null | head -n 1)" ]
}

cds_wanted() { [ "${DOSSIER_NODE_CDS:-1}" = 1 ]; }

# Builds the jar when it is missing or older than its sources, then (unless DOSSIER_NODE_CDS=0) dumps
# a class-data-sharing archive of a node's start-up next to it, which cuts the next starts to about 2 s.
build() {
    if jar_is_fresh && { ! cds_wanted || [ "$CDS" -nt "$JAR" ]; }; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found: the node is built with Maven 3.8+ and Java 17 (apt-get install maven openjdk-17-jdk-headless)"
    mkdir -p "$STATE"
    (
        # two starts at once must not build into the same target/ together
        if command -v flock >/dev/null; then flock 9; fi
        if ! jar_is_fresh; then
            echo "opensearch.sh: building $JAR (mvn package)" >&2
            rm -f "$CDS"
            # (Debian's mvn prints colour resets even with -B; strip them)
            mvn -B -q -Dstyle.color=never -f "$PROJECT/pom.xml" package 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2 ||
                die "mvn package failed in $PROJECT"
            [ -f "$JAR" ] || die "mvn package did not produce $JAR"
        fi
        if cds_wanted && ! [ "$CDS" -nt "$JAR" ]; then
            echo "opensearch.sh: dumping the class-data-sharing archive $CDS (log $STATE/cds-dump.log)" >&2
            local tmp
            tmp="$(mktemp -d)"
            rm -f "$CDS"
            if ! "$JAVA" "${JAVA_OPTS[@]}" -XX:ArchiveClassesAtExit="$CDS" -jar "$JAR" --port 0 --data "$tmp" \
                    --exit-when-started >"$STATE/cds-dump.log" 2>&1; then
                echo "opensearch.sh: the archive dump failed (see $STATE/cds-dump.log); starting without it" >&2
                rm -f "$CDS"
            fi
            rm -rf "$tmp"
        fi
    ) 9>"$STATE/build.lock"
}

wait_ready() {
    local start=$SECONDS status="" pid
    while :; do
        status="$(health_status || true)"
        case "$status" in
            green|yellow)
                echo "opensearch.sh: node on 127.0.0.1:$PORT is $status after $((SECONDS - start)) s"
                return 0 ;;
        esac
        if [ -f "$PIDFILE" ] && ! pid="$(running_pid)"; then
            echo "opensearch.sh: the node on port $PORT exited before it was ready" >&2
            log_tail
            rm -f "$PIDFILE"
            return 1
        fi
        if [ $((SECONDS - start)) -ge "$TIMEOUT" ]; then
            echo "opensearch.sh: timed out after ${TIMEOUT} s waiting for $URL/_cluster/health to be green or yellow (last status: '${status:-no answer}')" >&2
            log_tail
            if pid="$(running_pid)"; then
                echo "opensearch.sh: the node (pid $pid) is left running; '$0 wait $PORT' waits again, '$0 stop $PORT' stops it" >&2
            fi
            return 1
        fi
        sleep 0.25
    done
}

# A test CA and a key store for the node holding its key and a certificate for 127.0.0.1 and localhost
# signed by that CA (the chain node, CA), made once with the JDK's keytool.
make_tls() {
    [ -f "$TLS_DIR/node.p12" ] && [ -f "$TLS_DIR/ca.pem" ] && return
    command -v keytool >/dev/null || die "keytool not found (it comes with the JDK)"
    rm -rf "$TLS_DIR" && mkdir -p "$TLS_DIR"
    local store=(-storetype PKCS12 -storepass dossier-test)
    keytool -genkeypair -keystore "$TLS_DIR/ca.p12" "${store[@]}" -alias ca -dname "CN=Dossier test CA" \
        -ext bc:c -keyalg RSA -keysize 2048 -validity 3650 2>/dev/null
    keytool -exportcert -keystore "$TLS_DIR/ca.p12" "${store[@]}" -alias ca -rfc -file "$TLS_DIR/ca.pem" 2>/dev/null
    keytool -genkeypair -keystore "$TLS_DIR/node.p12" "${store[@]}" -alias node -dname "CN=127.0.0.1" \
        -keyalg RSA -keysize 2048 -validity 3650 2>/dev/null
    keytool -certreq -keystore "$TLS_DIR/node.p12" "${store[@]}" -alias node 2>/dev/null |
        keytool -gencert -keystore "$TLS_DIR/ca.p12" "${store[@]}" -alias ca -rfc -validity 3650 \
            -ext SAN=ip:127.0.0.1,dns:localhost -ext KU=digitalSignature,keyEncipherment -ext EKU=serverAuth \
            >"$TLS_DIR/node.pem" 2>/dev/null
    keytool -importcert -keystore "$TLS_DIR/node.p12" "${store[@]}" -alias ca -file "$TLS_DIR/ca.pem" -noprompt 2>/dev/null
    keytool -importcert -keystore "$TLS_DIR/node.p12" "${store[@]}" -alias node -file "$TLS_DIR/node.pem" 2>/dev/null
    echo "opensearch.sh: made a test CA and a certificate for 127.0.0.1 in $TLS_DIR (trust $TLS_DIR/ca.pem)"
}

start() {
    local pid
    if pid="$(running_pid)"; then
        echo "opensearch.sh: already running on port $PORT (pid $pid)"
        wait_ready
        return
    fi
    rm -f "$PIDFILE"
    if curl -s -k -m 2 -o /dev/null "$URL/" 2>/dev/null; then
        die "port $PORT already answers HTTP, but not from a node this script started (no live $PIDFILE)"
    fi
    build
    mkdir -p "$STATE" "$DATA"
    local tls=()
    if [ "${DOSSIER_NODE_TLS:-0}" = 1 ]; then
        make_tls
        tls=(DOSSIER_NODE_TLS_KEYSTORE="$TLS_DIR/node.p12" DOSSIER_NODE_TLS_PASSWORD=dossier-test)
    fi
    echo "opensearch.sh: starting node on 127.0.0.1:$PORT, data $DATA, log $LOG"
    # nohup execs java, so $! is the JVM's pid; its TERM handler closes the node
    local cds=()
    if cds_wanted && [ "$CDS" -nt "$JAR" ]; then
        cds=(-XX:SharedArchiveFile="$CDS")
    fi
    env "${tls[@]}" nohup "$JAVA" "${JAVA_OPTS[@]}" "${cds[@]}" -jar "$JAR" --port "$PORT" --data "$DATA" >"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    wait_ready
}

stop() {
    local pid i
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        echo "opensearch.sh: no node running on port $PORT"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "opensearch.sh: pid $pid did not stop in 30 s, killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
    echo "opensearch.sh: stopped node on port $PORT (pid $pid)"
}

status() {
    local pid
    if pid="$(running_pid)"; then
        echo "opensearch.sh: running on port $PORT (pid $pid), health: $(health_status || true)"
        curl_node "$URL/_cluster/health" || true
        echo
        return 0
    fi
    echo "opensearch.sh: not running on port $PORT"
    return 3
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    wait) wait_ready ;;
    status) status ;;
    build) build ;;
    *) echo "usage: $0 start|stop|wait|status|build [PORT] [DATA_DIR]" >&2; exit 2 ;;
esac
