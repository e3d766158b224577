#!/usr/bin/env bash
# Prints a compact RS256 JWT (valid 1 h) signed with KEYDIR/jwt/private.pem, and nothing else.
# Usage: token.sh KEYDIR SUBJECT [SCOPE...]   e.g. token.sh .local alice push.subscribe
# Claims: sub, scope (space-separated, "" when none), iss=https://pushway.localhost, iat, exp, jti.
set -euo pipefail
export LC_ALL=C

(($# >= 2)) || { echo "usage: $0 KEYDIR SUBJECT [SCOPE...]" >&2; exit 2; }
keydir=$1 sub=$2
shift 2

# Only plain characters go into the JSON below, so no escaping is ever needed.
[[ $sub =~ ^[A-Za-z0-9._:@-]{1,128}$ ]] ||
  { echo "token.sh: invalid subject '$sub': use 1-128 of A-Z a-z 0-9 . _ : @ -" >&2; exit 2; }
for scope in "$@"; do
  [[ $scope =~ ^[A-Za-z0-9._:/-]{1,64}$ ]] ||
    { echo "token.sh: invalid scope '$scope': use 1-64 of A-Z a-z 0-9 . _ : / -" >&2; exit 2; }
done
key=$keydir/jwt/private.pem
[[ -r $key ]] || { echo "token.sh: no signing key at $key (run deploy/local/pki.sh $keydir)" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"local"}' | b64url)
claims=$(printf '{"sub":"%s","scope":"%s","iss":"https://pushway.localhost","iat":%d,"exp":%d,"jti":"%s"}' \
  "$sub" "$*" "$now" $((now + 3600)) "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$key" | b64url)
printf '%s.%s.%s\n' "$header" "$claims" "$signature"
