#!/usr/bin/env bash
# A throwaway MariaDB for the database bootstrap's integration tests: installed from Debian when absent, run as an
# unprivileged server on 127.0.0.1 with its own data directory under .toolchain/mariadb, with a stand-in for the RDS
# procedures mysql.rds_set_configuration / rds_show_configuration.
#   scripts/mariadb.sh start   # prints the environment the tests read (KCC_TEST_MYSQL_*) to .toolchain/mariadb/env
#   scripts/mariadb.sh stop
# Exits 0 without a server (and says why) when MariaDB cannot be installed; the tests then skip with that reason.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$repo_root/.toolchain/mariadb"
env_file="$base/env"

# The first free port from 33306 on, unless one is given: another checkout's test server may hold 33306.
free_port() {
  local candidate
  for candidate in $(seq 33306 33326); do
    (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || { echo "$candidate"; return 0; }
  done
  echo "[mariadb] no free port from 33306 to 33326" >&2
  return 1
}

install_server() {
  command -v mariadbd >/dev/null 2>&1 && return 0
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "[mariadb] mariadb-server is not installed and cannot be installed here (needs root and apt-get)" >&2
    return 1
  fi
  echo "[mariadb] installing mariadb-server from Debian"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mariadb-server) >"$base.install.log" 2>&1 || {
    echo "[mariadb] installing mariadb-server failed; see $base.install.log" >&2
    return 1
  }
}

start() {
  mkdir -p "$base"
  rm -f "$env_file"
  if [[ -S "$base/mysqld.sock" ]] && mariadb --socket="$base/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    port="$(cat "$base/port")"
    echo "[mariadb] already running on 127.0.0.1:$port"
  else
    port="${KCC_TEST_MYSQL_PORT:-$(free_port)}"
    echo "$port" > "$base/port"
    install_server || { echo "KCC_TEST_MYSQL_UNAVAILABLE=mariadb-server could not be installed" > "$env_file"; return 0; }
    rm -rf "$base/data"
    mkdir -p "$base/data"
    chown -R mysql:mysql "$base" 2>/dev/null || true
    mariadb-install-db --user=mysql --datadir="$base/data" --auth-root-authentication-method=normal >"$base/install-db.log" 2>&1
    mariadbd --user=mysql --datadir="$base/data" --socket="$base/mysqld.sock" --pid-file="$base/mysqld.pid" \
      --bind-address=127.0.0.1 --port="$port" --log-bin="$base/data/binlog" --server-id=1 \
      --binlog-format=ROW --binlog-row-image=FULL --skip-name-resolve >"$base/server.log" 2>&1 &
    for _ in $(seq 1 60); do
      mariadb --socket="$base/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
    mariadb --socket="$base/mysqld.sock" -uroot >/dev/null <<'SQL'
CREATE USER IF NOT EXISTS 'cdc_admin'@'%' IDENTIFIED BY 'test-only-master-password';
GRANT ALL PRIVILEGES ON *.* TO 'cdc_admin'@'%' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS test_db;
-- Stand-in for the RDS procedures (they exist only on RDS).
CREATE TABLE IF NOT EXISTS mysql.rds_configuration (name VARCHAR(64) PRIMARY KEY, value VARCHAR(64));
DROP PROCEDURE IF EXISTS mysql.rds_set_configuration;
DROP PROCEDURE IF EXISTS mysql.rds_show_configuration;
DELIMITER //
CREATE PROCEDURE mysql.rds_set_configuration(IN setting VARCHAR(64), IN setting_value INT)
BEGIN
  IF setting <> 'binlog retention hours' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'unknown setting'; END IF;
  IF setting_value > 168 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'binlog retention hours is at most 168'; END IF;
  REPLACE INTO mysql.rds_configuration VALUES (setting, setting_value);
END//
CREATE PROCEDURE mysql.rds_show_configuration()
BEGIN
  SELECT name, value FROM mysql.rds_configuration;
END//
DELIMITER ;
SQL
  fi
  {
    echo "KCC_TEST_MYSQL_HOST=127.0.0.1"
    echo "KCC_TEST_MYSQL_PORT=$port"
    echo "KCC_TEST_MYSQL_USER=cdc_admin"
    echo "KCC_TEST_MYSQL_PASSWORD=test-only-master-password"
  } > "$env_file"
  echo "[mariadb] running on 127.0.0.1:$port ($env_file)"
}

stop() {
  if [[ -f "$base/mysqld.pid" ]]; then
    kill "$(cat "$base/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 1 40); do [[ -f "$base/mysqld.pid" ]] || break; sleep 0.25; done
  fi
  rm -f "$env_file"
  echo "[mariadb] stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: scripts/mariadb.sh start|stop" >&2; exit 2 ;;
esac
