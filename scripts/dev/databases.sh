#!/usr/bin/env bash
# Starts the database servers the e2e suites talk to, installing them from Debian's packages when
# missing: MariaDB at 127.0.0.1:3306 (root, empty password; it also serves the auth service's
# MySQL-protocol tests) and PostgreSQL at 127.0.0.1:5432 (trust on loopback). Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

log "MariaDB at 127.0.0.1:3306 (also serves the auth service's MySQL-protocol tests)"
if ! mariadb-admin --protocol=tcp -h127.0.0.1 -P3306 -uroot ping >/dev/null 2>&1; then
  command -v mariadbd >/dev/null || apt_install mariadb-server
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1 --port=3306 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --max-connections=500 || true
  wait_for MariaDB 60 mariadb-admin --protocol=tcp -h127.0.0.1 -P3306 -uroot ping
  mariadb --protocol=tcp -h127.0.0.1 -uroot -e 'SELECT 1' >/dev/null 2>&1 ||
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"
else
  echo "MariaDB is already running"
fi

log "Mroonga in MariaDB: the board's Korean full-text index (Debian's plugin, loaded into the running server)"
mroonga_loaded() {
  mariadb --protocol=tcp -h127.0.0.1 -uroot -N -e \
    "SELECT COUNT(*) FROM information_schema.ENGINES WHERE ENGINE = 'Mroonga' AND SUPPORT IN ('YES', 'DEFAULT')" | grep -qx 1
}
if ! mroonga_loaded; then
  dpkg -s mariadb-plugin-mroonga >/dev/null 2>&1 || apt_install mariadb-plugin-mroonga
  mroonga_loaded || mariadb --protocol=tcp -h127.0.0.1 -uroot -e "INSTALL SONAME 'ha_mroonga'"
else
  echo "Mroonga is already loaded"
fi

log "PostgreSQL at 127.0.0.1:5432"
if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Debian asks for a password on 127.0.0.1; the test databases trust loopback, as on a laptop.
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '/^host\s\+all\s\+all\s\+127.0.0.1\/32/d;/^host\s\+all\s\+all\s\+::1\/128/d' "$hba"
    printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' >>"$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for PostgreSQL 60 pg_isready -h 127.0.0.1 -p 5432
else
  echo "PostgreSQL is already running"
fi
