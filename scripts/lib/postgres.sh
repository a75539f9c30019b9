# shellcheck shell=bash
# A throwaway PostgreSQL 15 cluster for one test run: a fresh data directory in a temporary
# folder, listening on 127.0.0.1 only, on a free port. Sourced by scripts/test; defines
# postgres_start, which exports SHOMEI_TEST_POSTGRES_URL, _USER and _PASSWORD, and postgres_stop.

readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly PG_TEST_DATABASE=shomei_test
readonly PG_TEST_USER=shomei_test
PG_DIR=

# initdb and postgres refuse to run as root; as root, run them as the Debian package's user.
as_cluster_owner() {
  if ((EUID == 0)); then
    (cd "$PG_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# A port nobody listens on now. postgres_start retries if another process takes it first.
free_port() {
  local port
  for _ in {1..100}; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "scripts/test: found no free port on 127.0.0.1" >&2
  return 1
}

postgres_start() {
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shomei-postgres.XXXXXX")
  if ((EUID == 0)); then
    chown postgres: "$PG_DIR"
  fi
  as_cluster_owner "$PG_BIN/initdb" --pgdata="$PG_DIR/data" --username=postgres --encoding=UTF8 \
    --no-locale --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2
    echo "scripts/test: initdb failed" >&2
    return 1
  }
  # Only the cluster's owner can reach the socket in PG_DIR, so trusting it is safe. Durability
  # is switched off: the cluster lives for one run.
  cat >>"$PG_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

  local port attempt started=
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_cluster_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DIR/data" --log="$PG_DIR/server.log" \
      --options="-p $port" --wait --timeout=60 --silent start >/dev/null; then
      started=1
      break
    fi
    echo "scripts/test: PostgreSQL did not start on port $port (attempt $attempt)" >&2
  done
  if [[ -z $started ]] || ! "$PG_BIN/pg_isready" --quiet --host=127.0.0.1 --port="$port" --timeout=30; then
    cat "$PG_DIR/server.log" >&2
    echo "scripts/test: PostgreSQL 15 is not accepting connections" >&2
    return 1
  fi

  local password
  password=$(openssl rand -hex 16)
  as_cluster_owner "$PG_BIN/psql" --host="$PG_DIR" --port="$port" --username=postgres --dbname=postgres \
    --quiet --no-psqlrc --set=ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE ROLE $PG_TEST_USER LOGIN PASSWORD '$password';
CREATE DATABASE $PG_TEST_DATABASE OWNER $PG_TEST_USER;
SQL

  export SHOMEI_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/$PG_TEST_DATABASE"
  export SHOMEI_TEST_POSTGRES_USER=$PG_TEST_USER
  export SHOMEI_TEST_POSTGRES_PASSWORD=$password
  echo "scripts/test: PostgreSQL 15 ready at $SHOMEI_TEST_POSTGRES_URL (data in $PG_DIR)" >&2
}

# Safe to call at any point of postgres_start, and more than once.
postgres_stop() {
  [[ -n $PG_DIR && -d $PG_DIR ]] || return 0
  if [[ -f $PG_DIR/data/postmaster.pid ]]; then
    as_cluster_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DIR/data" --mode=immediate --silent stop >/dev/null 2>&1 ||
      echo "scripts/test: could not stop PostgreSQL in $PG_DIR" >&2
  fi
  rm -rf "$PG_DIR"
  echo "scripts/test: PostgreSQL stopped and $PG_DIR removed" >&2
  PG_DIR=
}
