#!/usr/bin/env bash
# Make a PostgreSQL server available for the test suite and export NEWSTRACE_TEST_POSTGRES_URL.
#
# Source it (". scripts/ci-postgres.sh") so the variable reaches the caller; running it prints the URL.
# It installs Debian's postgresql package when missing, starts the newest cluster (creating one if
# needed), and creates the role and database the tests use. Needs root (CI runs as root) or sudo.
# Idempotent: a second run finds everything in place and only prints the URL.

_nt_pg_main() {
    local sudo=""
    if [ "$(id -u)" != "0" ]; then
        sudo="sudo"
    fi
    if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
        echo "ci-postgres: installing PostgreSQL from Debian's packages" >&2
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    fi
    local version
    version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {found=1} END {exit !found}'; then
        $sudo pg_createcluster "$version" main >&2
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 ~ /online/ {found=1} END {exit !found}'; then
        $sudo pg_ctlcluster "$version" main start >&2
    fi
    local port
    port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
    local psql=(psql -p "$port" -v ON_ERROR_STOP=1 -qtA)
    local as_pg=(runuser -u postgres --)
    if [ -n "$sudo" ]; then
        as_pg=(sudo -u postgres)
    fi
    local tries=0
    until "${as_pg[@]}" "${psql[@]}" -c "SELECT 1" >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -gt 30 ]; then
            echo "ci-postgres: PostgreSQL $version did not accept connections on port $port" >&2
            return 1
        fi
        sleep 1
    done
    if [ "$("${as_pg[@]}" "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'newstrace'")" != "1" ]; then
        "${as_pg[@]}" "${psql[@]}" -c "CREATE ROLE newstrace LOGIN PASSWORD 'newstrace'"
    fi
    if [ "$("${as_pg[@]}" "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'newstrace_test'")" != "1" ]; then
        "${as_pg[@]}" "${psql[@]}" -c "CREATE DATABASE newstrace_test OWNER newstrace"
    fi
    NEWSTRACE_TEST_POSTGRES_URL="postgresql://newstrace:newstrace@127.0.0.1:${port}/newstrace_test"
    export NEWSTRACE_TEST_POSTGRES_URL
    # The fault tests restart the server mid-ingest (only this throw-away cluster, only when told how).
    NEWSTRACE_TEST_POSTGRES_RESTART="${sudo:+$sudo }pg_ctlcluster ${version} main restart"
    export NEWSTRACE_TEST_POSTGRES_RESTART
    echo "NEWSTRACE_TEST_POSTGRES_URL=${NEWSTRACE_TEST_POSTGRES_URL}"
}

_nt_pg_main
_nt_pg_status=$?
unset -f _nt_pg_main
# When sourced, report failure to the caller (set -e there stops CI); when run, exit with it.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    return "$_nt_pg_status"
fi
exit "$_nt_pg_status"
