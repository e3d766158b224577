#!/usr/bin/env bash
# Health check of docker-compose.yml for images without curl or wget: exits 0 when
# GET http://127.0.0.1:PORT/PATH answers 200. Usage: http-ok.sh PORT PATH
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/$1"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
read -r -t 5 status <&3
[[ $status == "HTTP/1."[01]" 200"[[:space:]]* ]]
