#!/usr/bin/env bash
# Legacy REST heartbeat: POST /api/v1/opamp/heartbeat/{INSTANCE_ID} with the gateway's OpAMP token, which marks the
# gateway seen and active. `--once` sends one beat and exits non-zero if it was refused; otherwise it beats every
# HEARTBEAT_INTERVAL seconds (default 30) for ever. The token file is re-read at every beat, so a re-onboarded or
# rotated token is picked up without a restart.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=gateway-lib.sh
. "$(dirname "$0")/gateway-lib.sh"
LOG_TAG=HEARTBEAT

: "${HEARTBEAT_INTERVAL:=30}"
# The collector's own Prometheus metrics (served on 8888 by default); absent or unreachable means no metrics.
: "${METRICS_URL:=http://127.0.0.1:8888/metrics}"

# sum_metric TEXT REGEX: the sum of the samples whose metric name matches REGEX (Prometheus text format).
sum_metric() {
  printf '%s\n' "$1" | awk -v re="$2" '
    /^#/ { next }
    { name = $1; sub(/\{.*/, "", name) }
    name ~ re { total += $NF; seen = 1 }
    END { if (seen) printf "%.0f", total }'
}

# {"logs_processed": …, "errors": …} from the collector's own metrics, or nothing.
collector_metrics_json() {
  local text logs errors
  [ -n "$METRICS_URL" ] || return 0
  text=$(curl -sf --connect-timeout 2 --max-time 5 "$METRICS_URL" 2>/dev/null) || return 0
  logs=$(sum_metric "$text" '^otelcol_receiver_accepted_log_records(_total)?$')
  errors=$(sum_metric "$text" '^otelcol_exporter_send_failed_(spans|metric_points|log_records)(_total)?$')
  [ -n "$logs$errors" ] || return 0
  printf '{"logs_processed":%s,"errors":%s}' "${logs:-0}" "${errors:-0}"
}

heartbeat_body() {
  local metrics fields=""
  if [ -n "${CURRENT_CONFIG_VERSION:-}" ]; then
    case $CURRENT_CONFIG_VERSION in
      *[!0-9]*) warn "ignoring CURRENT_CONFIG_VERSION='$CURRENT_CONFIG_VERSION' (not a whole number)" ;;
      *) fields="\"current_config_version\":$CURRENT_CONFIG_VERSION" ;;
    esac
  fi
  metrics=$(collector_metrics_json)
  [ -z "$metrics" ] || fields="${fields:+$fields,}\"metrics\":$metrics"
  printf '{%s}' "$fields"
}

# One beat; returns non-zero when it was not accepted.
beat() {
  local token
  token=$(load_opamp_token)
  if [ -z "$token" ]; then
    warn "no OpAMP token (OPAMP_TOKEN unset and $TOKEN_FILE missing): onboard the gateway first"
    return 1
  fi
  valid_token "$token" || { warn "the OpAMP token in $TOKEN_FILE is malformed: onboard the gateway again"; return 1; }
  api_request POST "${BACKEND_URL%/}/api/v1/opamp/heartbeat/$INSTANCE_ID" "$token" "$(heartbeat_body)"
  case $HTTP_STATUS in
    200) return 0 ;;
    000) warn "cannot reach FlowGate at $BACKEND_URL (${CURL_ERROR:-no answer})" ;;
    401) warn "refused (HTTP 401): $(api_detail). The token was rotated or revoked, or the gateway deleted: onboard again" ;;
    403) warn "refused (HTTP 403): $(api_detail). INSTANCE_ID '$INSTANCE_ID' is not the gateway this token was issued to" ;;
    *) warn "failed (HTTP $HTTP_STATUS): $(api_detail)" ;;
  esac
  return 1
}

main() {
  valid_instance_id "$INSTANCE_ID" || die 2 "INSTANCE_ID '$INSTANCE_ID' is invalid: use letters, digits, '.', '_', ':' and '-' (max 128)"
  make_workdir
  if [ "${1:-}" = "--once" ]; then
    beat || exit 1
    log "sent for '$INSTANCE_ID' to $BACKEND_URL"
    exit 0
  fi
  [ $# -eq 0 ] || die 2 "usage: heartbeat.sh [--once]"
  case $HEARTBEAT_INTERVAL in
    '' | *[!0-9]* | 0) die 2 "HEARTBEAT_INTERVAL must be a whole number of seconds > 0, got '$HEARTBEAT_INTERVAL'" ;;
  esac
  log "sending a heartbeat for '$INSTANCE_ID' to $BACKEND_URL every ${HEARTBEAT_INTERVAL}s"
  local healthy=""
  while :; do
    # Log the first success and recoveries only; every failure is logged by beat().
    if beat; then
      [ "$healthy" = yes ] || log "accepted by FlowGate"
      healthy=yes
    else
      healthy=no
    fi
    sleep "$HEARTBEAT_INTERVAL"
  done
}

main "$@"
