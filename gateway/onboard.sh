#!/usr/bin/env bash
# Registers this gateway with FlowGate: exchanges REGISTRATION_TOKEN for the gateway's own OpAMP token
# (POST /api/v1/gateways) and saves it to TOKEN_FILE (mode 600) with the OpAMP endpoint and the gateway id.
# Exit status: 0 registered, 1 registration refused or failed (nothing saved), 2 misconfigured.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=gateway-lib.sh
. "$(dirname "$0")/gateway-lib.sh"
LOG_TAG=ONBOARD

: "${ONBOARD_RETRIES:=10}"
: "${ONBOARD_RETRY_DELAY:=3}"
: "${GATEWAY_VERSION:=0.136.0}"
: "${OTELCOL_VERSION:=0.136.0}"

# First IPv4 address of this host, or nothing (the server refuses anything that is not a valid address).
host_ip() {
  local ip=${GATEWAY_IP:-}
  if [ -z "$ip" ]; then ip=$(hostname -I 2>/dev/null | awk '{print $1}') || ip=""; fi
  case $ip in
    *[!0-9.]* | '') ;;
    *) printf '%s' "$ip" ;;
  esac
}

registration_body() {
  local host ip mode caps ip_json
  host=${GATEWAY_HOSTNAME:-$(hostname 2>/dev/null || true)}
  ip=$(host_ip)
  ip_json=null
  [ -z "$ip" ] || ip_json="\"$ip\""
  # What the gateway will report over OpAMP once connected; until then the UI shows these.
  case ${USE_SUPERVISOR:-true} in
    false | 0 | no) mode=extension caps='"ReportsEffectiveConfig","ReportsHealth","ReportsHeartbeat"' ;;
    *) mode=supervisor caps='"AcceptsRemoteConfig","ReportsEffectiveConfig","ReportsOwnMetrics","ReportsOwnLogs","ReportsHealth","ReportsRemoteConfig","AcceptsRestartCommand","ReportsHeartbeat"' ;;
  esac
  printf '{"name":"%s","instance_id":"%s","hostname":"%s","ip_address":%s,"metadata":{"version":"%s","otel_version":"%s","management_mode":"%s","capabilities":[%s]}}' \
    "$(json_escape "$GATEWAY_NAME")" "$INSTANCE_ID" "$(json_escape "$host")" "$ip_json" \
    "$(json_escape "$GATEWAY_VERSION")" "$(json_escape "$OTELCOL_VERSION")" "$mode" "$caps"
}

# Fails before the registration token is spent when the answer could not be saved anyway.
check_state_writable() {
  local dir probe
  for dir in "$(dirname "$TOKEN_FILE")" "$(dirname "$ENDPOINT_FILE")" "$(dirname "$GATEWAY_ID_FILE")"; do
    mkdir -p "$dir" 2>/dev/null || die 2 "cannot create $dir: set STATE_DIR/TOKEN_FILE to a writable place"
    probe=$(mktemp "$dir/.onboard-probe.XXXXXX" 2>/dev/null) || die 2 "$dir is not writable: set STATE_DIR/TOKEN_FILE to a writable place"
    rm -f "$probe"
  done
}

# POST with retries on network errors and 5xx/429 only: a 4xx answer is final.
register() {
  local body=$1 attempt=0
  while :; do
    api_request POST "${BACKEND_URL%/}/api/v1/gateways" "$REGISTRATION_TOKEN" "$body"
    case $HTTP_STATUS in
      000 | 429 | 5??) ;;
      *) return 0 ;;
    esac
    [ "$attempt" -lt "$ONBOARD_RETRIES" ] || return 0
    attempt=$((attempt + 1))
    warn "FlowGate not ready (HTTP $HTTP_STATUS${CURL_ERROR:+: $CURL_ERROR}); retry $attempt/$ONBOARD_RETRIES in ${ONBOARD_RETRY_DELAY}s"
    sleep "$ONBOARD_RETRY_DELAY"
  done
}

fail_registration() {
  case $HTTP_STATUS in
    000) die 1 "cannot reach FlowGate at $BACKEND_URL (${CURL_ERROR:-no answer}); check BACKEND_URL and the network" ;;
    401) die 1 "registration refused (HTTP 401): $(api_detail). The registration token is unknown, expired, revoked or used up: create a new one under Registration tokens and set REGISTRATION_TOKEN" ;;
    *) die 1 "registration failed (HTTP $HTTP_STATUS): $(api_detail)" ;;
  esac
}

main() {
  [ -n "${REGISTRATION_TOKEN:-}" ] || die 2 "REGISTRATION_TOKEN is not set: create a registration token in FlowGate and pass it to the gateway"
  valid_token "$REGISTRATION_TOKEN" || die 2 "REGISTRATION_TOKEN is malformed (expected the url-safe token FlowGate showed once)"
  valid_instance_id "$INSTANCE_ID" || die 2 "INSTANCE_ID '$INSTANCE_ID' is invalid: use letters, digits, '.', '_', ':' and '-' (max 128)"
  check_state_writable
  make_workdir

  log "registering gateway '$INSTANCE_ID' with $BACKEND_URL"
  register "$(registration_body)"
  case $HTTP_STATUS in 200 | 201) ;; *) fail_registration ;; esac

  local token endpoint gateway_id
  token=$(json_string_field "$HTTP_BODY" opamp_token)
  endpoint=$(json_string_field "$HTTP_BODY" opamp_endpoint)
  gateway_id=$(json_string_field "$HTTP_BODY" id)
  valid_token "$token" || die 1 "FlowGate answered HTTP $HTTP_STATUS without a usable opamp_token; nothing was saved"

  write_private "$TOKEN_FILE" "$token" || die 1 "could not write $TOKEN_FILE"
  [ -z "$endpoint" ] || write_private "$ENDPOINT_FILE" "$endpoint" || die 1 "could not write $ENDPOINT_FILE"
  [ -z "$gateway_id" ] || write_private "$GATEWAY_ID_FILE" "$gateway_id" || die 1 "could not write $GATEWAY_ID_FILE"
  log "registered as gateway ${gateway_id:-?}; OpAMP token saved to $TOKEN_FILE (mode 600), endpoint ${endpoint:-unknown}"
}

main "$@"
