# shellcheck shell=bash
# Shared by onboard.sh, heartbeat.sh, update-opamp-config.sh and docker-entrypoint.sh (sourced, not run).
# Every path and URL comes from the environment so the scripts also run unprivileged in a scratch folder.
# Tokens are only ever passed to curl through owner-only header files (never argv) and are never printed.

: "${STATE_DIR:=/var/lib/otelcol}"
: "${TOKEN_FILE:=$STATE_DIR/opamp_token}"
: "${ENDPOINT_FILE:=$STATE_DIR/opamp_endpoint}"
: "${GATEWAY_ID_FILE:=$STATE_DIR/gateway_id}"
: "${BACKEND_URL:=http://app:3000}"
: "${INSTANCE_ID:=gateway-1}"
: "${GATEWAY_NAME:=$INSTANCE_ID}"
: "${CURL_CONNECT_TIMEOUT:=5}"
: "${CURL_MAX_TIME:=30}"
: "${LOG_TAG:=GATEWAY}"

OPAMP_PATH=/api/v1/opamp/v1/opamp

log() { printf '%s [%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$LOG_TAG" "$*"; }
warn() { log "$@" >&2; }
# die STATUS MESSAGE…
die() {
  local status=$1
  shift
  warn "ERROR: $*"
  exit "$status"
}

# Instance ids become a URL path segment: same rule as the server (letters, digits, '.', '_', ':', '-').
valid_instance_id() {
  case $1 in
    '' | [!A-Za-z0-9]* | *[!A-Za-z0-9._:-]*) return 1 ;;
  esac
  [ "${#1}" -le 128 ]
}

# OpAMP tokens are JWTs and registration tokens url-safe base64: anything else is refused before it reaches a header.
valid_token() {
  case $1 in
    '' | *[!A-Za-z0-9._~+/=-]*) return 1 ;;
  esac
}

json_escape() {
  printf '%s' "$1" | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

# The value of a top-level string field in FlowGate's single-line JSON answers (ids, JWTs, URLs, messages).
json_string_field() {
  printf '%s' "$1" | sed -n "s/.*\"$2\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" | head -n 1
}

# Creates TMP_WORK (owner-only) and removes it on exit.
make_workdir() {
  TMP_WORK=$(umask 077 && mktemp -d "${TMPDIR:-/tmp}/flowgate-gateway.XXXXXX")
  trap 'rm -rf "$TMP_WORK"' EXIT
}

# api_request METHOD URL BEARER_TOKEN BODY → sets HTTP_STATUS ("000" when unreachable), HTTP_BODY, CURL_ERROR.
api_request() {
  local method=$1 url=$2 token=$3 body=$4
  [ -n "${TMP_WORK:-}" ] || make_workdir
  (umask 077 && printf 'Authorization: Bearer %s\n' "$token" >"$TMP_WORK/headers")
  printf '%s' "$body" >"$TMP_WORK/request.json"
  : >"$TMP_WORK/response"
  HTTP_STATUS=$(curl -sS -X "$method" -o "$TMP_WORK/response" -w '%{http_code}' \
    --connect-timeout "$CURL_CONNECT_TIMEOUT" --max-time "$CURL_MAX_TIME" \
    -H @"$TMP_WORK/headers" -H 'Content-Type: application/json' -H 'Accept: application/json' \
    --data-binary @"$TMP_WORK/request.json" "$url" 2>"$TMP_WORK/curl-error") || true
  rm -f "$TMP_WORK/headers"
  HTTP_BODY=$(cat "$TMP_WORK/response")
  # shellcheck disable=SC2034 # read by the scripts that source this file
  CURL_ERROR=$(head -c 300 "$TMP_WORK/curl-error")
  [ -n "$HTTP_STATUS" ] || HTTP_STATUS=000
}

# The server's {"detail": "…"} message, or a short note when the answer was not FlowGate JSON.
api_detail() {
  local detail
  detail=$(json_string_field "$HTTP_BODY" detail)
  if [ -n "$detail" ]; then printf '%s' "$detail"; else printf 'no error detail in the response'; fi
}

# write_private FILE VALUE: atomically, readable by the owner only.
write_private() {
  local file=$1 value=$2 tmp
  tmp=$(umask 077 && mktemp "$(dirname "$file")/.$(basename "$file").XXXXXX") || return 1
  if printf '%s\n' "$value" >"$tmp" && chmod 600 "$tmp" && mv -f "$tmp" "$file"; then return 0; fi
  rm -f "$tmp"
  return 1
}

# The saved OpAMP token: $OPAMP_TOKEN wins, then TOKEN_FILE. Empty when the gateway is not onboarded.
load_opamp_token() {
  if [ -n "${OPAMP_TOKEN:-}" ]; then
    printf '%s' "$OPAMP_TOKEN"
  elif [ -r "$TOKEN_FILE" ]; then
    tr -d ' \t\r\n' <"$TOKEN_FILE"
  fi
}

# http(s)://host → ws(s)://host, and back: the extension's ws block and an http block want their own scheme.
to_ws_url() { printf '%s' "$1" | sed -e 's#^http://#ws://#' -e 's#^https://#wss://#'; }
to_http_url() { printf '%s' "$1" | sed -e 's#^ws://#http://#' -e 's#^wss://#https://#'; }

# Where the gateway speaks OpAMP: OPAMP_SERVER_URL (a base URL, or a full …/v1/opamp URL) wins over the endpoint
# saved at registration (derived from the server's public URL, which may not resolve from inside a container),
# then BACKEND_URL.
resolve_opamp_endpoint() {
  local base
  if [ -n "${OPAMP_SERVER_URL:-}" ]; then
    base=${OPAMP_SERVER_URL%/}
    case $base in
      */v1/opamp) printf '%s' "$base" ;;
      *) printf '%s%s' "$base" "$OPAMP_PATH" ;;
    esac
  elif [ -s "$ENDPOINT_FILE" ]; then
    tr -d ' \t\r\n' <"$ENDPOINT_FILE"
  else
    printf '%s%s' "$(to_ws_url "${BACKEND_URL%/}")" "$OPAMP_PATH"
  fi
}
