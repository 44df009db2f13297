#!/usr/bin/env bash
# `make restore BACKUP=backups/<timestamp>`: the database dump into DATABASE_URL and the media
# archive into MEDIA_ROOT, then every cache that could disagree with the restored rows is
# dropped. Stop the app servers and workers first; the target database should be new and
# empty (createdb), though objects the dump holds are replaced if they exist.
set -euo pipefail

backup="${BACKUP:-${1:-}}"
[ -n "$backup" ] || { echo "Name the backup: make restore BACKUP=backups/<timestamp>" >&2; exit 2; }
[ -f "$backup/database.dump" ] || { echo "$backup has no database.dump: not a backup made by make backup." >&2; exit 2; }
: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to restore into.}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "make restore needs PostgreSQL (DATABASE_URL=postgres://...)." >&2; exit 2 ;;
esac
url="postgresql://${DATABASE_URL#*://}"
media_root="${MEDIA_ROOT:-media}"
python="${PYTHON:-.venv/bin/python}"

# A damaged or incomplete copy is refused before anything is touched.
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

# One transaction: a restore that fails half-way leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$url" "$backup/database.dump"

if [ -f "$backup/media.tar.gz" ]; then
  mkdir -p "$media_root"
  tar --extract --gzip --file="$backup/media.tar.gz" --directory="$media_root"
fi

DATABASE_URL="$DATABASE_URL" "$python" manage.py drop_caches
echo "Restored $backup into the database and $media_root."
