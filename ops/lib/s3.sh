# shellcheck shell=bash
# SeaweedFS, the object store of the local stack (var/bin/weed, built by ops/install): one
# `weed server -s3` process (master, volume server, filer and the S3 gateway) with its data under
# var/seaweedfs. S3 on 127.0.0.1:$S3_PORT; the master, volume server and filer on the three ports
# after it ($S3_PORT+1..+3), each with its gRPC twin 10000 above (as the S3 gateway's).
# Access: one identity (access key "assembly", a secret made once in var/secrets/s3.secret) with
# full rights; anonymous requests are refused. The buckets of S3_BUCKETS are made at start.
# SeaweedFS is slow to stop on SIGTERM: stopped with a bounded wait, then SIGKILL.
# Log var/log/seaweedfs.log, pid var/run/seaweedfs.pid. docs/documents.md tells the design.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SEAWEEDFS_BIN="$VAR/bin/weed"
SEAWEEDFS_LOG="$VAR/log/seaweedfs.log"
SEAWEEDFS_PID="$VAR/run/seaweedfs.pid"
SEAWEEDFS_DIR="$VAR/seaweedfs"
SEAWEEDFS_READY_TIMEOUT=60
SEAWEEDFS_STOP_GRACE=5
S3_URL="http://127.0.0.1:$S3_PORT"
S3_REGION=us-east-1
S3_ACCESS_KEY=assembly
S3_SECRET_KEY_FILE="$VAR/secrets/s3.secret"
# One bucket for the suite; each service keeps its objects under its own prefix (<service>/).
S3_BUCKET=assembly-documents
export S3_URL S3_REGION S3_ACCESS_KEY S3_SECRET_KEY_FILE S3_BUCKET

_s3_running() { pid_alive "$SEAWEEDFS_PID" "$SEAWEEDFS_BIN"; }

# _s3_call METHOD PATH: a SigV4-signed request to the S3 gateway (curl signs it); prints the status.
_s3_call() {
  curl -sS -o /dev/null -w '%{http_code}' --max-time 5 -X "$1" \
    --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY:$(<"$S3_SECRET_KEY_FILE")" \
    "$S3_URL$2"
}

# Ready: a signed listing of the buckets answers 200 (an unsigned one is refused: 403).
_s3_ready() { [[ "$(_s3_call GET /)" == 200 ]]; }

# The bucket exists: made when missing (200 made, 409 already there). The listing answers before
# the master has elected itself leader (a few seconds on a fresh start), and until then making a
# bucket times out: asked again until it is done.
_s3_bucket() {
  local status
  status="$(_s3_call PUT "/$S3_BUCKET" || true)"
  [[ "$status" == 200 || "$status" == 409 ]]
}

s3_up() {
  [[ -x "$SEAWEEDFS_BIN" ]] || die "no $SEAWEEDFS_BIN: run ops/install"
  ensure_var_dirs
  new_secret "$S3_SECRET_KEY_FILE" sh -c 'head -c 24 /dev/urandom | od -An -tx1 | tr -d " \n"'
  local master=$((S3_PORT + 1)) volume=$((S3_PORT + 2)) filer=$((S3_PORT + 3))
  if ! _s3_running; then
    local p
    for p in "$S3_PORT" "$master" "$volume" "$filer" $((S3_PORT + 10000)) $((master + 10000)) \
        $((volume + 10000)) $((filer + 10000)); do
      port_open "$p" && die "seaweedfs: port $p is taken by another process (set S3_PORT)"
    done
    mkdir -p "$SEAWEEDFS_DIR/data"
    # The identities of the S3 gateway (read at start; mode 600, it holds the secret).
    (umask 077; printf '{"identities":[{"name":"assembly","credentials":[{"accessKey":"%s","secretKey":"%s"}],"actions":["Admin","Read","Write","List","Tagging"]}]}\n' \
      "$S3_ACCESS_KEY" "$(<"$S3_SECRET_KEY_FILE")" >"$SEAWEEDFS_DIR/s3.json")
    log "seaweedfs: starting (S3 $S3_URL)"
    printf '\n==== %s s3_up ====\n' "$(date -Is)" >>"$SEAWEEDFS_LOG"
    rm -f "$SEAWEEDFS_PID"
    # Only S3 and the listeners it needs: the Iceberg and Lance catalogues (default ports 8181
    # and 9101, which Keycloak's management port would meet) are off.
    # As for Mailpit: the inner bash writes its pid and becomes weed; fd 9 (the lock) closed.
    # shellcheck disable=SC2016  # $$ and $0 of the inner bash
    (cd "$SEAWEEDFS_DIR" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$SEAWEEDFS_PID" \
        "$SEAWEEDFS_BIN" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$SEAWEEDFS_DIR/data" \
        -master.port="$master" -volume.port="$volume" -filer.port="$filer" \
        -master.volumeSizeLimitMB=64 -volume.max=20 \
        -s3 -s3.port="$S3_PORT" -s3.config="$SEAWEEDFS_DIR/s3.json" \
        -s3.port.iceberg=0 -s3.port.lance=0 \
        ) >>"$SEAWEEDFS_LOG" 2>&1 </dev/null 9>&- &
    wait_for "seaweedfs pid file" 5 "$SEAWEEDFS_LOG" test -s "$SEAWEEDFS_PID" || return 1
  fi
  WAIT_PIDFILE="$SEAWEEDFS_PID" wait_for "seaweedfs" "$SEAWEEDFS_READY_TIMEOUT" "$SEAWEEDFS_LOG" \
    _s3_ready || return 1
  WAIT_PIDFILE="$SEAWEEDFS_PID" wait_for "seaweedfs: the bucket $S3_BUCKET" "$SEAWEEDFS_READY_TIMEOUT" \
    "$SEAWEEDFS_LOG" _s3_bucket || return 1
}

s3_down() {
  if [[ -s "$SEAWEEDFS_PID" ]] && ! _s3_running; then rm -f "$SEAWEEDFS_PID"; fi
  if _s3_running; then
    log "seaweedfs: stopping"
    stop_pid "$SEAWEEDFS_PID" seaweedfs "$SEAWEEDFS_STOP_GRACE"
  fi
}

# s3_status: prints running/stopped; exit 0 when running.
s3_status() {
  if _s3_running; then echo running; else echo stopped; return 1; fi
}
