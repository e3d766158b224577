#!/bin/sh
# One-shot container of docker-compose.yml: hands the keys deploy/local/pki.sh wrote (mounted at /in)
# to the containers that use them, owned by the user each runs as, and makes the Redis password.
#   /out/service  the services' /etc/pushway: tls/tls.crt, tls/tls.key, jwt/public.pem  (uid 65532)
#   /out/secrets  the services' secrets dir: spring.data.redis.password                  (uid 65532)
#   /out/redis    users.acl: user "pushway" with that password, "health" may only PING    (uid 999)
#   /out/lb       front.pem (certificate + key, as HAProxy wants it), ca.pem             (uid 65532)
# Idempotent: the password is made once and kept in its volume; keys are copied afresh on every run,
# so certificates pki.sh re-issued are picked up by the next `docker compose up`.
set -eu

APP=65532 REDIS=999
for file in /in/tls/ca.pem /in/tls/server.pem /in/tls/server-key.pem /in/jwt/public.pem; do
  [ -s "$file" ] || { echo "init-secrets: $file missing: run deploy/local/pki.sh .local first" >&2; exit 1; }
done

# put FILE OWNER: reads the content from stdin, writes FILE readable by OWNER only.
put() {
  mkdir -p "$(dirname "$1")"
  cat >"$1.new"
  chown "$2:$2" "$1.new"
  chmod 400 "$1.new"
  mv -f "$1.new" "$1"
  echo "init-secrets: wrote $1"
}

cat /in/tls/server.pem | put /out/service/tls/tls.crt $APP
cat /in/tls/server-key.pem | put /out/service/tls/tls.key $APP
cat /in/jwt/public.pem | put /out/service/jwt/public.pem $APP
cat /in/tls/server.pem /in/tls/server-key.pem | put /out/lb/front.pem $APP
cat /in/tls/ca.pem | put /out/lb/ca.pem $APP

password=/out/secrets/spring.data.redis.password
if [ ! -s "$password" ]; then
  tr -dc 'A-Za-z0-9' </dev/urandom | head -c 40 | put "$password" $APP
fi
hash=$(tr -d '\n' <"$password" | sha256sum | cut -d' ' -f1)
printf 'user default off ~* &* +@all\nuser pushway on #%s ~* &* +@all\nuser health on nopass -@all +ping\n' "$hash" \
  | put /out/redis/users.acl $REDIS

chown -R "$APP:$APP" /out/service /out/secrets /out/lb
chown -R "$REDIS:$REDIS" /out/redis
chmod 500 /out/service/tls /out/service/jwt /out/service /out/secrets /out/lb /out/redis
