#!/usr/bin/env bash
# `make backup`: the PostgreSQL database at DATABASE_URL (pg_dump, custom format) and the
# media files under MEDIA_ROOT (a tar.gz), into BACKUP_DIR/<UTC timestamp>/ with checksums.
# A backup is written under <timestamp>.partial and renamed when complete, so a directory
# without that suffix is always whole. Prints the directory it wrote.
set -euo pipefail

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up.}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "make backup needs PostgreSQL (DATABASE_URL=postgres://...); SQLite is one file: copy db.sqlite3 while the site is stopped." >&2
     exit 2 ;;
esac
# pg_dump speaks postgresql://; dj-database-url also accepts postgres://.
url="postgresql://${DATABASE_URL#*://}"
media_root="${MEDIA_ROOT:-media}"
backup_dir="${BACKUP_DIR:-backups}"

target="$backup_dir/$(date -u +%Y%m%dT%H%M%SZ)"
partial="$target.partial"
mkdir -p "$partial"
trap 'rm -rf "$partial"' ERR

# Custom format: compressed, and pg_restore can restore it into a fresh database, in
# parallel or in part. Owners and grants are left out: the restoring role owns what it makes.
pg_dump --format=custom --no-owner --no-privileges --file="$partial/database.dump" "$url"

if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
  # Object storage keeps its own copies (bucket versioning or replication); see
  # docs/operations.md.
  echo "Media are in the bucket $AWS_STORAGE_BUCKET_NAME: not archived here." >&2
else
  mkdir -p "$media_root"
  tar --create --gzip --file="$partial/media.tar.gz" --directory="$media_root" .
fi

(cd "$partial" && sha256sum -- * > SHA256SUMS)
mv "$partial" "$target"
trap - ERR
echo "$target"
