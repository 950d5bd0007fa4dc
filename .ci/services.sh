# Helpers sourced by .ci/run: start the servers the integration suites need and export their URLs.

# PostgreSQL: use the running server when there is one, else install it from Debian and start it.
ensure_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1 || ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    # Trust auth on loopback, as on the developers' machines.
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    pg_isready -h 127.0.0.1 -p 5432
  fi
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='test'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -c 'create database test'
  fi
  export CHIDAO_TEST_POSTGRES_URL="${CHIDAO_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
  echo "PostgreSQL ready at $CHIDAO_TEST_POSTGRES_URL"
}

# LibreOffice (the report .docx is converted to PDF in a test) and pdftotext, from Debian.
ensure_libreoffice() {
  if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libreoffice-writer poppler-utils fonts-dejavu-core fonts-liberation >/dev/null
  fi
  soffice --version
  command -v pdftotext
}

# Kafka: a real single-node KRaft broker run from Maven Central's jars by .ci/kafka.sh (jars and
# data in ~/.cache/chidao-kafka). Suites restart it mid-run through CHIDAO_TEST_KAFKA_CONTROL.
ensure_kafka() {
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      openjdk-17-jre-headless maven >/dev/null
  fi
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  # Two brokers: one the suites share, one that suites restart mid-run. One after the other:
  # the first start fetches the jars both run from.
  "$here/kafka.sh" start
  "$here/kafka-restartable.sh" start
  export CHIDAO_TEST_KAFKA_BROKERS="127.0.0.1:${CHIDAO_KAFKA_PORT:-9092}"
  export CHIDAO_TEST_KAFKA_CONTROL="$here/kafka.sh"
  export CHIDAO_TEST_KAFKA_RESTARTABLE_BROKERS="127.0.0.1:${CHIDAO_KAFKA_RESTARTABLE_PORT:-9094}"
  export CHIDAO_TEST_KAFKA_RESTARTABLE_CONTROL="$here/kafka-restartable.sh"
  echo "Kafka ready at $CHIDAO_TEST_KAFKA_BROKERS, restartable at $CHIDAO_TEST_KAFKA_RESTARTABLE_BROKERS"
}

# Chromium for the browser suites (test/browser), from Debian; playwright-core drives it.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium fonts-dejavu-core >/dev/null
  fi
  /usr/bin/chromium --version
  export CHIDAO_TEST_CHROMIUM=/usr/bin/chromium
}

# Mail for the reminder suites: Postfix takes mail for any address @chidao.test on loopback and
# Dovecot serves the mailboxes over IMAP, from Debian, run by .ci/mail.sh (see its header for
# the ports, the refusing test domains and the variables exported here).
ensure_mail() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  "$here/mail.sh" start
  eval "$("$here/mail.sh" env)"
  echo "Mail ready: SMTP at $CHIDAO_TEST_SMTP_URL, IMAP at $CHIDAO_TEST_IMAP_URL"
}
