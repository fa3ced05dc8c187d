#!/usr/bin/env bash
# A real OpenStack Glance on loopback for the /v2/images tests, with no Keystone.
#   scripts/glance.sh install   pip-installs glance + gunicorn, and python-glanceclient (the OpenStack
#                               reference client, run against the emulator), into build/glance-venv (reused)
#   scripts/glance.sh start P   writes the config under build/glance, db_sync, starts gunicorn on
#                               127.0.0.1:P in the background (pid in build/glance/pid), waits until it answers
#   scripts/glance.sh stop      stops it by its pid
# Facts behind the config: ../shared/TOOLCHAIN.md ("A real Glance server on loopback").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/build/glance-venv
DIR=$ROOT/build/glance
say() { printf '[glance] %s\n' "$*"; }

install() {
  if [ ! -x "$VENV/bin/gunicorn" ] || [ ! -x "$VENV/bin/glance-manage" ]; then
    say "installing glance and gunicorn into build/glance-venv (about a minute)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check glance gunicorn
  fi
  if [ ! -x "$VENV/bin/glance" ]; then
    say "installing python-glanceclient 4.13.0 into build/glance-venv"
    "$VENV/bin/pip" install -q --disable-pip-version-check python-glanceclient==4.13.0
  fi
}

configure() {
  local port=$1
  rm -rf "$DIR"
  mkdir -p "$DIR/etc" "$DIR/images" "$DIR/staging" "$DIR/tasks"
  local paste
  paste=$(find "$VENV" -name glance-api-paste.ini -path '*etc/glance*' | head -n 1)
  # CORS is read from glance-api.conf only when the paste filter is told where that file is.
  sed "/^\[filter:cors\]/a oslo_config_file = $DIR/etc/glance-api.conf" "$paste" > "$DIR/etc/glance-api-paste.ini"
  # No Keystone: an empty flavor gives an admin context, and this policy lets it do everything.
  printf '"context_is_admin": ""\n"default": ""\n' > "$DIR/etc/policy.yaml"
  cat > "$DIR/etc/glance-api.conf" <<CONF
[DEFAULT]
enabled_backends = fs:file
worker_self_reference_url = http://127.0.0.1:$port
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $DIR/images
[os_glance_staging_store]
filesystem_store_datadir = $DIR/staging
[os_glance_tasks_store]
filesystem_store_datadir = $DIR/tasks
[database]
connection = sqlite:///$DIR/glance.sqlite
[paste_deploy]
flavor =
config_file = $DIR/etc/glance-api-paste.ini
[image_format]
disk_formats = ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop,zvhd,zvhd2
require_image_format_match = false
[oslo_policy]
policy_file = $DIR/etc/policy.yaml
[cors]
allowed_origin = *
allow_headers = Accept,Content-Type,X-Auth-Token,X-Project-Id,X-Sdk-Date,X-Security-Token,Authorization
expose_headers = X-Openstack-Request-Id,X-Request-Id
CONF
  OS_GLANCE_CONFIG_DIR=$DIR/etc "$VENV/bin/glance-manage" --config-dir "$DIR/etc" db_sync > "$DIR/db_sync.log" 2>&1
}

start() {
  local port=${1:?port}
  install
  stop
  configure "$port"
  say "starting on 127.0.0.1:$port"
  OS_GLANCE_CONFIG_DIR=$DIR/etc nohup "$VENV/bin/gunicorn" --bind "127.0.0.1:$port" --workers 1 --threads 4 \
    --pid "$DIR/pid" --log-file "$DIR/gunicorn.log" glance.wsgi.api:application > "$DIR/stdout.log" 2>&1 &
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/v2/images" -H 'Accept: application/json'; then say "up"; return; fi
    sleep 0.5
  done
  say "did not come up; last log lines:"; tail -n 30 "$DIR/gunicorn.log" "$DIR/stdout.log" >&2 || true
  exit 1
}

stop() {
  if [ -f "$DIR/pid" ]; then
    local pid
    pid=$(cat "$DIR/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$DIR/pid"
  fi
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop ;;
  *) echo "usage: scripts/glance.sh install | start PORT | stop" >&2; exit 2 ;;
esac
