#!/usr/bin/env bash
# A throwaway MariaDB for the database bootstrap's integration tests: installed from Debian when absent, run as an
# unprivileged server on 127.0.0.1 with a stand-in for the RDS procedures mysql.rds_set_configuration /
# rds_show_configuration. Its data directory, socket and pid file live in a fresh directory under /tmp owned by the
# server's user, not in the checkout: as root (CodeBuild, CI containers) the server runs as `mysql`, which may not be
# able to traverse the checkout's path (CodeBuild's source is under /codebuild/output/src<id>/...). The checkout's
# .toolchain/mariadb keeps only the port, the environment file and the path of that directory.
#   scripts/mariadb.sh start   # prints the environment the tests read (KCC_TEST_MYSQL_*) to .toolchain/mariadb/env
#   scripts/mariadb.sh stop
# Exits 0 without a server (and says why) when MariaDB cannot be installed; the tests then skip with that reason.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$repo_root/.toolchain/mariadb"
env_file="$base/env"
runtime_file="$base/runtime-dir"

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

# The server's own directory: a new one under /tmp (world-traversable), owned by the user the server runs as.
make_runtime_dir() {
  # A run that crashed left its directory behind with no live server (start checked): remove it first.
  local previous
  previous="$(cat "$runtime_file" 2>/dev/null || true)"
  [[ -n "$previous" && "$previous" == /tmp/kcc-mariadb.* ]] && rm -rf "$previous"
  run_dir="$(mktemp -d /tmp/kcc-mariadb.XXXXXX)"
  echo "$run_dir" > "$runtime_file"
  mkdir -p "$run_dir/data"
  if [[ "$(id -u)" == 0 ]]; then
    chown -R mysql:mysql "$run_dir"
    # Fail here, naming the path, rather than with an opaque server error later.
    if command -v runuser >/dev/null 2>&1 && ! runuser -u mysql -- test -w "$run_dir/data"; then
      echo "[mariadb] error: user mysql cannot write $run_dir/data" >&2
      return 1
    fi
  fi
}

start() {
  mkdir -p "$base"
  rm -f "$env_file"
  run_dir="$(cat "$runtime_file" 2>/dev/null || true)"
  if [[ -n "$run_dir" && -S "$run_dir/mysqld.sock" ]] && mariadb --socket="$run_dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    port="$(cat "$base/port")"
    echo "[mariadb] already running on 127.0.0.1:$port ($run_dir)"
  else
    port="${KCC_TEST_MYSQL_PORT:-$(free_port)}"
    echo "$port" > "$base/port"
    install_server || { echo "KCC_TEST_MYSQL_UNAVAILABLE=mariadb-server could not be installed" > "$env_file"; return 0; }
    make_runtime_dir
    mariadb-install-db --user=mysql --datadir="$run_dir/data" --auth-root-authentication-method=normal >"$run_dir/install-db.log" 2>&1 || {
      echo "[mariadb] error: mariadb-install-db failed; see $run_dir/install-db.log" >&2
      return 1
    }
    mariadbd --user=mysql --datadir="$run_dir/data" --socket="$run_dir/mysqld.sock" --pid-file="$run_dir/mysqld.pid" \
      --bind-address=127.0.0.1 --port="$port" --log-bin="$run_dir/data/binlog" --server-id=1 \
      --binlog-format=ROW --binlog-row-image=FULL --skip-name-resolve >"$run_dir/server.log" 2>&1 &
    for _ in $(seq 1 60); do
      mariadb --socket="$run_dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
    mariadb --socket="$run_dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 || {
      echo "[mariadb] error: the server did not start; see $run_dir/server.log" >&2
      return 1
    }
    mariadb --socket="$run_dir/mysqld.sock" -uroot >/dev/null <<'SQL'
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
  echo "[mariadb] running on 127.0.0.1:$port ($env_file, server files in $run_dir)"
}

stop() {
  run_dir="$(cat "$runtime_file" 2>/dev/null || true)"
  if [[ -n "$run_dir" && -f "$run_dir/mysqld.pid" ]]; then
    kill "$(cat "$run_dir/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 1 40); do [[ -f "$run_dir/mysqld.pid" ]] || break; sleep 0.25; done
  fi
  [[ -n "$run_dir" && "$run_dir" == /tmp/kcc-mariadb.* ]] && rm -rf "$run_dir"
  rm -f "$env_file" "$runtime_file"
  echo "[mariadb] stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: scripts/mariadb.sh start|stop" >&2; exit 2 ;;
esac
