#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL on 127.0.0.1:5432 with role/database mkt. Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
command -v pg_ctlcluster >/dev/null || { apt-get update -q && apt-get install -y -q postgresql >/dev/null; }
VER=$(ls /etc/postgresql | sort -V | tail -1)
pg_lsclusters -h | grep -q "^$VER main" || pg_createcluster "$VER" main
printf "listen_addresses = '127.0.0.1'\nport = 5432\nmax_connections = 200\nfsync = on\n" > /etc/postgresql/$VER/main/conf.d/mkt.conf
pg_ctlcluster "$VER" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='mkt') THEN CREATE ROLE mkt LOGIN PASSWORD 'mkt' CREATEDB; END IF; END $$;
SELECT 'CREATE DATABASE mkt OWNER mkt' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname='mkt')\gexec
SQL
echo "postgres ready: Host=127.0.0.1;Port=5432;Username=mkt;Password=mkt;Database=mkt"
