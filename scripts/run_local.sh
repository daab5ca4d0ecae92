#!/usr/bin/env bash
# Start the portal on the embedded default: a Celery worker and beat in the background,
# gunicorn in the foreground. All state lives under var/. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=intl_portal.settings.local
PORT="${PORT:-8000}"
mkdir -p var/log

.venv/bin/celery -A intl_portal worker --loglevel=INFO --concurrency=1 \
  --logfile=var/log/worker.log >>var/log/worker.log 2>&1 &
worker=$!
.venv/bin/celery -A intl_portal beat --loglevel=INFO --schedule=var/celerybeat-schedule \
  --logfile=var/log/beat.log >>var/log/beat.log 2>&1 &
beat=$!
.venv/bin/gunicorn intl_portal.wsgi --bind "127.0.0.1:${PORT}" --workers 2 \
  --env DJANGO_SETTINGS_MODULE=intl_portal.settings.local \
  --access-logfile var/log/access.log --error-logfile var/log/web.log &
web=$!
trap 'kill "$web" "$worker" "$beat" 2>/dev/null; wait 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 60); do
  .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:${PORT}/health/', timeout=2)" \
    2>/dev/null && break
  kill -0 "$web" 2>/dev/null || { echo "The web server did not start; see var/log/web.log"; exit 1; }
  sleep 0.5
done

cat <<TXT

  intl_portal runs at http://127.0.0.1:${PORT}/

  Demo logins (password: demo-portal-2026)
    samordnare    Samordnare (coordinator)
    kontakt.buf   Kontaktperson, Barn- och utbildningsförvaltningen
    kontakt.kff   Kontaktperson, Kultur- och fritidsförvaltningen
    politiker     Förtroendevald (council member)
    admin         Administratör (Django admin at /admin/)

  Logs: var/log/ (web, worker, beat). Stop with Ctrl-C.

TXT
wait "$web"
