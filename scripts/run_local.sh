#!/usr/bin/env bash
# Start the portal on the embedded default: a Celery worker and beat in the background,
# gunicorn in the foreground. All state lives under var/. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=intl_portal.settings.local
PORT="${PORT:-8000}"
mkdir -p var/log

.venv/bin/celery -A intl_portal worker --loglevel=INFO --concurrency=1 \
  --logfile=var/log/worker.log &
worker=$!
.venv/bin/celery -A intl_portal beat --loglevel=INFO --schedule=var/celerybeat-schedule \
  --logfile=var/log/beat.log &
beat=$!
trap 'kill "$worker" "$beat" 2>/dev/null; wait 2>/dev/null' EXIT INT TERM

cat <<TXT

  intl_portal runs at http://127.0.0.1:${PORT}/

  Demo logins (password: demo-portal-2026)
    samordnare    Samordnare (coordinator)
    kontakt.buf   Kontaktperson, Barn- och utbildningsförvaltningen
    kontakt.kff   Kontaktperson, Kultur- och fritidsförvaltningen
    politiker     Förtroendevald (council member)
    admin         Administratör (Django admin at /admin/)

  Worker log: var/log/worker.log. Stop with Ctrl-C.

TXT
.venv/bin/gunicorn intl_portal.wsgi --bind "127.0.0.1:${PORT}" --workers 2 \
  --env DJANGO_SETTINGS_MODULE=intl_portal.settings.local --access-logfile - &
web=$!
wait "$web"
