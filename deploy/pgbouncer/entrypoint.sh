#!/bin/sh
# Writes PgBouncer's auth file from APP_PASSWORD (never baked into the image), then runs PgBouncer in the foreground.
set -eu
umask 077
printf '"networksaas_app" "%s"\n' "${APP_PASSWORD:?APP_PASSWORD is not set}" > /tmp/userlist.txt
exec /usr/sbin/pgbouncer /etc/pgbouncer/pgbouncer.ini
