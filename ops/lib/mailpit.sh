# shellcheck shell=bash
# Mailpit, the mail catcher of the local stack (var/bin/mailpit, built by ops/install): SMTP on
# 127.0.0.1:$SMTP_PORT (what Keycloak and notifications send their e-mails to), web inbox and API on
# 127.0.0.1:$MAILPIT_PORT (GET /api/v1/messages, DELETE /api/v1/messages, ...).
# Messages are kept in var/mailpit/mailpit.db (the last 500) across restarts.
# Log var/log/mailpit.log, pid var/run/mailpit.pid.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MAILPIT_BIN="$VAR/bin/mailpit"
MAILPIT_LOG="$VAR/log/mailpit.log"
MAILPIT_PID="$VAR/run/mailpit.pid"
MAILPIT_URL="http://127.0.0.1:$MAILPIT_PORT"
MAILPIT_READY_TIMEOUT=20
MAILPIT_STOP_GRACE=10
export MAILPIT_URL

_mailpit_running() { pid_alive "$MAILPIT_PID" "$MAILPIT_BIN"; }

_mailpit_ready() { curl -fsS -o /dev/null --max-time 2 "$MAILPIT_URL/readyz"; }

mailpit_up() {
  [[ -x "$MAILPIT_BIN" ]] || die "no $MAILPIT_BIN: run ops/install"
  ensure_var_dirs
  if ! _mailpit_running; then
    local p
    for p in "$SMTP_PORT" "$MAILPIT_PORT"; do
      port_open "$p" && die "mailpit: port $p is taken by another process (set SMTP_PORT / MAILPIT_PORT)"
    done
    mkdir -p "$VAR/mailpit"
    log "mailpit: starting (SMTP 127.0.0.1:$SMTP_PORT, inbox $MAILPIT_URL)"
    printf '\n==== %s mailpit_up ====\n' "$(date -Is)" >>"$MAILPIT_LOG"
    rm -f "$MAILPIT_PID"
    # As for Kafka: the inner bash writes its pid and becomes Mailpit; fd 9 (the lock) closed.
    # --max 0: Mailpit otherwise keeps 500 messages and prunes the oldest every minute, while the
    # whole cycle alone sends about a thousand and counts them; a week's mail is kept instead.
    # shellcheck disable=SC2016  # $$ and $0 of the inner bash
    (cd "$VAR/mailpit" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$MAILPIT_PID" \
        "$MAILPIT_BIN" --smtp "127.0.0.1:$SMTP_PORT" --listen "127.0.0.1:$MAILPIT_PORT" \
        --database "$VAR/mailpit/mailpit.db" --disable-version-check --smtp-auth-accept-any \
        --smtp-auth-allow-insecure --max 0 --max-age 7d \
        ) >>"$MAILPIT_LOG" 2>&1 </dev/null 9>&- &
    wait_for "mailpit pid file" 5 "$MAILPIT_LOG" test -s "$MAILPIT_PID" || return 1
  fi
  WAIT_PIDFILE="$MAILPIT_PID" wait_for "mailpit" "$MAILPIT_READY_TIMEOUT" "$MAILPIT_LOG" _mailpit_ready
}

mailpit_down() {
  if [[ -s "$MAILPIT_PID" ]] && ! _mailpit_running; then rm -f "$MAILPIT_PID"; fi
  if _mailpit_running; then
    log "mailpit: stopping"
    stop_pid "$MAILPIT_PID" mailpit "$MAILPIT_STOP_GRACE"
  fi
}

# mailpit_status: prints running/stopped; exit 0 when running.
mailpit_status() {
  if _mailpit_running; then echo running; else echo stopped; return 1; fi
}
