#!/bin/bash
# Runs once, when the postgres container initialises an empty data volume
# (mounted as /docker-entrypoint-initdb.d/10-networksaas-roles.sh by deploy/docker-compose.yml).
# Creates the networksaas_owner and networksaas_app roles and the networksaas database with
# deploy/db/roles.sql (mounted read-only at /deploy/db).
# To change passwords later, re-run roles.sql by hand: this script never runs again on an existing volume.
set -e

: "${OWNER_PASSWORD:?OWNER_PASSWORD must be set (deploy/.env)}"
: "${APP_PASSWORD:?APP_PASSWORD must be set (deploy/.env)}"

psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
    -v owner_password="$OWNER_PASSWORD" \
    -v app_password="$APP_PASSWORD" \
    -v database=networksaas \
    -f /deploy/db/roles.sql
