#!/usr/bin/env bash
# Local PKI for Pushway, made with openssl only. Usage: pki.sh DIR
#   DIR/tls/ca.pem, ca-key.pem           local CA "Pushway local CA" (EC P-256, 825 days)
#   DIR/tls/server.pem, server-key.pem   leaf for localhost / 127.0.0.1, signed by the CA (397 days)
#   DIR/jwt/private.pem, public.pem      RSA 2048 key pair that signs and checks local JWTs
# Idempotent: creates only what is missing (and re-issues server.pem if the CA no longer vouches
# for it). Prints what it creates on stdout; stderr stays empty unless something fails.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
command -v openssl >/dev/null || { echo "pki.sh: openssl not found (e.g. sudo apt-get install openssl)" >&2; exit 1; }

tls=$1/tls jwt=$1/jwt
umask 077
mkdir -p "$tls" "$jwt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/ext.cnf" <<'EOF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[server]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF

# Runs openssl quietly: its chatter is shown only when it fails.
ossl() {
  local out
  out=$(openssl "$@" 2>&1) || { printf 'pki.sh: openssl %s failed:\n%s\n' "$1" "$out" >&2; return 1; }
}

# Writes a new file atomically (via a temp name) so an interrupted run leaves no half file behind.
made=0
created() { mv -f "$work/new" "$1"; chmod "$2" "$1"; made=1; echo "pki: created $1${3:+ ($3)}"; }

if [[ ! -s $tls/ca-key.pem ]]; then
  ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/new"
  created "$tls/ca-key.pem" 600 "EC P-256"
  rm -f "$tls/ca.pem"
fi
if [[ ! -s $tls/ca.pem ]]; then
  ossl req -x509 -new -sha256 -key "$tls/ca-key.pem" -subj "/CN=Pushway local CA" -days 825 \
    -config "$work/ext.cnf" -extensions ca -out "$work/new"
  created "$tls/ca.pem" 644 "Pushway local CA, 825 days"
fi
if [[ ! -s $tls/server-key.pem ]]; then
  ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/new"
  created "$tls/server-key.pem" 600 "EC P-256"
  rm -f "$tls/server.pem"
fi
if [[ -s $tls/server.pem ]] && ! openssl verify -CAfile "$tls/ca.pem" "$tls/server.pem" >/dev/null 2>&1; then
  echo "pki: $tls/server.pem is not valid for the current CA; re-issuing it"
  rm -f "$tls/server.pem"
fi
if [[ ! -s $tls/server.pem ]]; then
  ossl req -new -sha256 -key "$tls/server-key.pem" -subj "/CN=localhost" -config "$work/ext.cnf" \
    -out "$work/server.csr"
  ossl x509 -req -sha256 -in "$work/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" \
    -set_serial "0x$(openssl rand -hex 16)" -days 397 -extfile "$work/ext.cnf" -extensions server \
    -out "$work/new"
  created "$tls/server.pem" 644 "localhost, 127.0.0.1, 397 days"
fi

if [[ ! -s $jwt/private.pem ]]; then
  ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/new"
  created "$jwt/private.pem" 600 "RSA 2048"
  rm -f "$jwt/public.pem"
fi
if [[ ! -s $jwt/public.pem ]]; then
  ossl pkey -in "$jwt/private.pem" -pubout -out "$work/new"
  created "$jwt/public.pem" 644
fi
chmod 600 "$tls/ca-key.pem" "$tls/server-key.pem" "$jwt/private.pem"
((made)) || echo "pki: keys and certificates in $1 are present and valid"
