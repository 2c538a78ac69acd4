#!/usr/bin/env bash
# Gateway container start: onboard once (REGISTRATION_TOKEN, when no OpAMP token is saved yet), load the saved
# OpAMP token, render the configs, then exec the OpAMP supervisor (USE_SUPERVISOR=true, the default) or the
# collector with its opamp extension plus the REST heartbeat (USE_SUPERVISOR=false).
# A failed registration is logged and the collector still starts, so telemetry keeps flowing.
# GATEWAY_DRY_RUN=1 does everything but start processes, and prints the command it would exec.
set -euo pipefail
SCRIPT_DIR=$(dirname "$0")
# shellcheck source-path=SCRIPTDIR source=gateway-lib.sh
. "$SCRIPT_DIR/gateway-lib.sh"
LOG_TAG=ENTRYPOINT

: "${USE_SUPERVISOR:=true}"
: "${TEMPLATE_DIR:=/usr/local/share/flowgate-gateway}"
: "${CONFIG_TEMPLATE:=$TEMPLATE_DIR/otel-collector-config.yaml}"
: "${CONFIG_PATH:=/etc/otelcol/config.yaml}"
: "${SUPERVISOR_TEMPLATE:=$TEMPLATE_DIR/supervisor.yaml}"
: "${SUPERVISOR_CONFIG_PATH:=/etc/opampsupervisor/supervisor.yaml}"
: "${COLLECTOR_BIN:=/usr/local/bin/otelcol-flowgate}"
: "${SUPERVISOR_BIN:=/usr/local/bin/opampsupervisor}"
: "${SUPERVISOR_PASSTHROUGH_LOGS:=false}"
: "${GATEWAY_DRY_RUN:=}"
export SUPERVISOR_PASSTHROUGH_LOGS

supervisor_mode() {
  case $USE_SUPERVISOR in
    true | 1 | yes) return 0 ;;
    false | 0 | no) return 1 ;;
    *) die 2 "USE_SUPERVISOR must be true or false, got '$USE_SUPERVISOR'" ;;
  esac
}

onboard_if_needed() {
  if [ -n "${OPAMP_TOKEN:-}" ] || [ -s "$TOKEN_FILE" ]; then
    [ -z "${REGISTRATION_TOKEN:-}" ] || log "already onboarded ($TOKEN_FILE): REGISTRATION_TOKEN ignored; delete the file or run onboard.sh to register again"
    return 0
  fi
  if [ -z "${REGISTRATION_TOKEN:-}" ]; then
    warn "not onboarded: no OpAMP token in $TOKEN_FILE and REGISTRATION_TOKEN is not set; the collector starts without FlowGate management"
    return 0
  fi
  "$SCRIPT_DIR/onboard.sh" || warn "onboarding failed (see above): starting the collector without FlowGate management"
}

# The extension's instance UID must survive restarts, or every start looks like a new agent.
opamp_instance_uid() {
  local file=$STATE_DIR/opamp_instance_uid
  if [ ! -s "$file" ] && [ -r /proc/sys/kernel/random/uuid ]; then
    write_private "$file" "$(cat /proc/sys/kernel/random/uuid)" 2>/dev/null || true
  fi
  if [ -s "$file" ]; then tr -d ' \t\r\n' <"$file"; fi
}

# render TEMPLATE TARGET: copies the template (owner-only) and writes the endpoint and token into it.
render() {
  local template=$1 target=$2
  [ -r "$template" ] || die 2 "config template not found: $template"
  mkdir -p "$(dirname "$target")" || die 2 "cannot create $(dirname "$target")"
  (umask 077 && cp "$template" "$target.new") && mv -f "$target.new" "$target"
  if [ -n "$OPAMP_TOKEN" ]; then
    printf '%s\n' "$OPAMP_TOKEN" | "$SCRIPT_DIR/update-opamp-config.sh" - "$OPAMP_ENDPOINT" "$target"
  else
    log "rendered $target without a token: the OpAMP connection will be refused until the gateway is onboarded"
  fi
}

# run CMD…: exec it, or print it in a dry run.
run() {
  if [ -n "$GATEWAY_DRY_RUN" ]; then
    printf 'exec'
    printf ' %s' "$@"
    printf '\n'
    exit 0
  fi
  exec "$@"
}

start_heartbeat() {
  if [ -z "$OPAMP_TOKEN" ]; then
    warn "heartbeat not started: no OpAMP token"
  elif [ -n "$GATEWAY_DRY_RUN" ]; then
    log "would start: $SCRIPT_DIR/heartbeat.sh (every ${HEARTBEAT_INTERVAL:-30}s)"
  else
    "$SCRIPT_DIR/heartbeat.sh" &
  fi
}

main() {
  # `docker run IMAGE onboard.sh` (or bash, …) runs that command instead of the gateway.
  if [ $# -gt 0 ]; then exec "$@"; fi
  local mode=extension token_state=missing
  if supervisor_mode; then mode=supervisor; fi
  mkdir -p "$STATE_DIR" 2>/dev/null || warn "cannot create $STATE_DIR: the OpAMP token cannot be saved"
  onboard_if_needed
  OPAMP_TOKEN=$(load_opamp_token)
  OPAMP_ENDPOINT=$(resolve_opamp_endpoint)
  export OPAMP_TOKEN OPAMP_ENDPOINT INSTANCE_ID
  [ -z "$OPAMP_TOKEN" ] || token_state=loaded
  log "mode: $mode; OpAMP endpoint $OPAMP_ENDPOINT; OpAMP token $token_state"

  if [ "$mode" = supervisor ]; then
    render "$SUPERVISOR_TEMPLATE" "$SUPERVISOR_CONFIG_PATH"
    run "$SUPERVISOR_BIN" --config "$SUPERVISOR_CONFIG_PATH"
  fi
  OPAMP_INSTANCE_UID=$(opamp_instance_uid)
  export OPAMP_INSTANCE_UID
  render "$CONFIG_TEMPLATE" "$CONFIG_PATH"
  start_heartbeat
  run "$COLLECTOR_BIN" --config "$CONFIG_PATH"
}

main "$@"
