#!/usr/bin/env bash
# update-opamp-config.sh TOKEN ENDPOINT CONFIG_PATH
# Points a collector config (extensions.opamp.server.ws|http) or a supervisor config (server) at ENDPOINT with
# "Authorization: Bearer TOKEN". TOKEN "-" reads the token from stdin, which keeps it out of the process list.
# The file is rewritten atomically (owner-only) and only when every expected key was found; otherwise it is left
# untouched and the script exits non-zero. The token is never printed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=gateway-lib.sh
. "$(dirname "$0")/gateway-lib.sh"
LOG_TAG=OPAMP-CONFIG

usage() { die 2 "usage: update-opamp-config.sh TOKEN|- ENDPOINT CONFIG_PATH"; }

# Rewrites the endpoint and Authorization lines found under the OpAMP server keys; YAML paths are tracked by
# indentation. Prints the new file on stdout and "ENDPOINTS HEADERS" (lines replaced) to the file $1.
rewrite_config() {
  awk -v ws="$WS_ENDPOINT" -v http="$HTTP_ENDPOINT" -v given="$ENDPOINT" -v token="$TOKEN" -v counts="$1" '
    function indent_of(s) { match(s, /^ */); return RLENGTH }
    {
      line = $0
      if (line ~ /^[ ]*(#.*)?$/ || line ~ /^[ ]*- /) { print line; next }
      ind = indent_of(line)
      key = substr(line, ind + 1)
      if (!match(key, /^"?[A-Za-z0-9_.\/-]+"?[ ]*:/)) { print line; next }
      key = substr(key, 1, RLENGTH)
      sub(/[ ]*:$/, "", key); gsub(/"/, "", key)
      while (depth > 0 && indents[depth] >= ind) depth--
      depth++; indents[depth] = ind; keys[depth] = key
      path = keys[1]
      for (i = 2; i <= depth; i++) path = path "." keys[i]
      pad = substr(line, 1, ind)
      if (path == "server.endpoint") { print pad "endpoint: \"" given "\""; endpoints++; next }
      if (path == "extensions.opamp.server.ws.endpoint") { print pad "endpoint: \"" ws "\""; endpoints++; next }
      if (path == "extensions.opamp.server.http.endpoint") { print pad "endpoint: \"" http "\""; endpoints++; next }
      if (path ~ /^(server|extensions\.opamp\.server\.(ws|http))\.headers\.Authorization$/) {
        print pad "Authorization: \"Bearer " token "\""; headers++; next
      }
      print line
    }
    END { printf "%d %d\n", endpoints, headers > counts }
  ' "$CONFIG"
}

main() {
  [ $# -eq 3 ] || usage
  TOKEN=$1 ENDPOINT=$2 CONFIG=$3
  if [ "$TOKEN" = "-" ]; then TOKEN=$(tr -d ' \t\r\n'); fi
  valid_token "$TOKEN" || die 2 "the token is empty or contains characters a JWT cannot have"
  case $ENDPOINT in
    ws://?* | wss://?* | http://?* | https://?*) ;;
    *) die 2 "the endpoint must be a ws://, wss://, http:// or https:// URL, got '$ENDPOINT'" ;;
  esac
  # Quotes, backslashes, '$' (config expansion) and whitespace could break out of the YAML value.
  case $ENDPOINT in *[[:space:]\"\'\\\$\`#]*) die 2 "the endpoint contains characters not allowed in a URL here: '$ENDPOINT'" ;; esac
  [ -f "$CONFIG" ] || die 2 "config file not found: $CONFIG"
  WS_ENDPOINT=$(to_ws_url "$ENDPOINT") HTTP_ENDPOINT=$(to_http_url "$ENDPOINT")

  local endpoints headers
  TMP_CONFIG=$(umask 077 && mktemp "$(dirname "$CONFIG")/.$(basename "$CONFIG").XXXXXX") || die 1 "cannot write next to $CONFIG"
  trap 'rm -f "$TMP_CONFIG" "$TMP_CONFIG.counts"' EXIT
  rewrite_config "$TMP_CONFIG.counts" >"$TMP_CONFIG"
  read -r endpoints headers <"$TMP_CONFIG.counts"
  if [ "$endpoints" -eq 0 ] || [ "$headers" -eq 0 ]; then
    die 1 "no OpAMP server endpoint and Authorization header found in $CONFIG (expected server.* or extensions.opamp.server.ws|http.*); file left unchanged"
  fi
  chmod 600 "$TMP_CONFIG"
  mv -f "$TMP_CONFIG" "$CONFIG"
  log "updated $CONFIG: endpoint $ENDPOINT, Authorization set ($endpoints endpoint(s), $headers header(s))"
}

main "$@"
