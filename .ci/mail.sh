#!/usr/bin/env bash
# A real mail server for the reminder tests: Postfix takes mail on loopback for the test domain
# and hands every address of it (any local part) to Dovecot over LMTP; Dovecot serves the
# mailboxes over IMAP with one password for all. Installed from Debian, started without systemd
# (CI has no init system), and shared by every checkout on the machine.
#
#   .ci/mail.sh start|stop|status|env
#
# start  installs the packages when missing, (re)writes the configuration, starts or reloads the
#        daemons and waits until both ports answer; on a machine where they already run with the
#        same configuration it changes nothing. Needs root.
# stop   stops both daemons (the mailboxes stay).
# env    prints the `export` lines for the test suites (also written to $state/env):
#          CHIDAO_TEST_SMTP_URL       smtp://127.0.0.1:<smtp port>   no TLS, no auth from loopback
#          CHIDAO_TEST_IMAP_URL       imap://127.0.0.1:<imap port>   login: the full address
#          CHIDAO_TEST_MAIL_PASSWORD  the password of every mailbox
#          CHIDAO_TEST_MAIL_DOMAIN    chidao.test: every <anything>@chidao.test is delivered;
#                                     <anything>@refused.chidao.test is refused with 550 and
#                                     <anything>@busy.chidao.test deferred with 450, at RCPT TO
#
# Environment (optional, read when the configuration is first written; later runs keep the
# ports in use unless these are given):
#   CHIDAO_TEST_SMTP_PORT   default 25, or 2525 when 25 is taken by something else
#   CHIDAO_TEST_IMAP_PORT   default 143, or 1143 when 143 is taken by something else
#   CHIDAO_MAIL_START_TIMEOUT  seconds to wait for the ports, default 60
set -euo pipefail

domain=chidao.test
password=chidao-test
state=/var/lib/chidao-mail
mail_user=chidaomail
dovecot_conf=/etc/dovecot/chidao-test.conf
dovecot_base=/run/dovecot-chidao
access_map=/etc/postfix/chidao-recipient-access
postfix_log=/var/log/chidao-postfix.log
dovecot_log=/var/log/chidao-dovecot.log
start_timeout=${CHIDAO_MAIL_START_TIMEOUT:-60}

say() { printf 'mail: %s\n' "$*"; }
fail() {
  say "$*" >&2
  exit 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first bytes a server sends on connecting: "220" from SMTP, "* OK" from IMAP.
greeting() {
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && head -c 4 <&3" 2>/dev/null || true
}

installed() {
  command -v postfix >/dev/null 2>&1 && command -v dovecot >/dev/null 2>&1 &&
    [ -x /usr/lib/dovecot/imap ] && [ -x /usr/lib/dovecot/lmtp ]
}

install_packages() {
  installed && return
  local started=$SECONDS
  say "installing postfix, dovecot-imapd and dovecot-lmtpd from Debian"
  # "No configuration": the package writes no main.cf and starts nothing; write_postfix does both.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  echo "postfix postfix/mailname string mail.$domain" | debconf-set-selections
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=120 postfix dovecot-imapd dovecot-lmtpd >/dev/null
  # Where an init system exists the package may have started Dovecot on its default
  # configuration (PAM logins, port 143): this script runs its own instance instead.
  if [ -s /run/dovecot/master.pid ] && kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
    doveadm stop || true
  fi
  say "installed in $((SECONDS - started))s"
}

ensure_mail_user() {
  if ! id -u "$mail_user" >/dev/null 2>&1; then
    useradd --system --home-dir "$state/mail" --no-create-home --shell /usr/sbin/nologin "$mail_user"
  fi
  mkdir -p "$state/mail"
  chown "$mail_user:$mail_user" "$state/mail"
  chmod 0750 "$state/mail"
}

# A port of ours when the env file records it, else the given one, else the default when free,
# else the fallback.
choose_port() {
  local given=$1 recorded=$2 default=$3 fallback=$4
  if [ -n "$given" ]; then
    echo "$given"
  elif [ -n "$recorded" ]; then
    echo "$recorded"
  elif ! port_open "$default"; then
    echo "$default"
  elif ! port_open "$fallback"; then
    echo "$fallback"
  else
    fail "127.0.0.1:$default and :$fallback are both taken; set the port variable (see .ci/mail.sh)"
  fi
}

recorded_port() {
  [ -f "$state/env" ] || return 0
  sed -n "s|^export $1=.*127\\.0\\.0\\.1:\\([0-9]*\\).*|\\1|p" "$state/env"
}

# Rewrites a file only when its content changes; says whether it did (exit 0 = changed).
install_file() {
  local target=$1 mode=$2 content
  content=$(cat)
  if [ -f "$target" ] && [ "$(cat "$target")" = "$content" ]; then return 1; fi
  printf '%s\n' "$content" >"$target.new"
  chmod "$mode" "$target.new"
  mv "$target.new" "$target"
}

write_dovecot() {
  local uid
  uid=$(id -u "$mail_user")
  install_file "$dovecot_conf" 0644 <<EOF
# Written by .ci/mail.sh for tests; edit the script, not this file. Dovecot runs it with
# \`dovecot -c $dovecot_conf\`, apart from any instance on Debian's default configuration.
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $dovecot_base/
instance_name = dovecot-chidao
state_dir = $state/dovecot
log_path = $dovecot_log
ssl = no
# Loopback only, tests only: plain logins without TLS.
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Lu
# a+b@ is its own mailbox: the address a test sends to is the one it logs in with.
recipient_delimiter =
first_valid_uid = $uid
last_valid_uid = $uid
mail_location = maildir:~/Maildir

# Every user exists, all with one password, each in $state/mail/<domain>/<local part>.
passdb {
  driver = static
  args = password=$password
}
userdb {
  driver = static
  args = uid=$mail_user gid=$mail_user home=$state/mail/%d/%n allow_all_users=yes
}

namespace inbox {
  inbox = yes
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}

# Postfix delivers here (virtual_transport); the socket lives in Postfix's queue directory.
service lmtp {
  unix_listener /var/spool/postfix/private/dovecot-lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}

protocol lmtp {
  postmaster_address = postmaster@$domain
}
EOF
}

write_postfix() {
  local changed=1
  install_file "$access_map" 0644 <<EOF && changed=0
# Written by .ci/mail.sh: test domains whose recipients Postfix refuses at RCPT TO.
refused.$domain 550 5.1.1 Recipient refused (test domain refused.$domain)
busy.$domain 450 4.2.1 Recipient deferred (test domain busy.$domain)
EOF
  install_file /etc/postfix/main.cf 0644 <<EOF && changed=0
# Written by .ci/mail.sh for tests; edit the script, not this file.
compatibility_level = 3.6
myhostname = mail.$domain
myorigin = \$myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP
biff = no
maillog_file = $postfix_log
alias_maps =
alias_database =
recipient_delimiter =

# Every address of the test domain, whatever its local part, goes to Dovecot.
virtual_mailbox_domains = $domain
virtual_mailbox_maps =
virtual_transport = lmtp:unix:private/dovecot-lmtp

# Nothing leaves the machine: other domains are refused at RCPT TO (relay denied), and mail
# Postfix makes itself (bounces to other domains) fails at once.
default_transport = error:test server delivers to $domain only
relay_transport = error:test server delivers to $domain only
smtpd_relay_restrictions = check_recipient_access texthash:$access_map, reject_unauth_destination
smtpd_recipient_restrictions =

# Plain SMTP without authentication, as the tests send from loopback.
smtpd_tls_security_level = none
smtp_tls_security_level = none
smtpd_sasl_auth_enable = no
# Deferred mail (e.g. Dovecot restarting) is retried within seconds, not minutes.
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 30s
EOF
  local before after
  before=$(cksum </etc/postfix/master.cf)
  # No chroot: Debian's init script copies files into the chroot, `postfix start` does not.
  # (Each postconf -M/-F edit rewrites master.cf, so only those that change something run.)
  if [[ "$(postconf -F '*/*/chroot')" =~ \ =\ [^n] ]]; then postconf -F '*/*/chroot = n'; fi
  # The SMTP listener on loopback at the chosen port, instead of the default one on port 25.
  local service
  for service in $(postconf -M | awk '$2 == "inet" && $8 == "smtpd" { print $1 }'); do
    [ "$service" = "127.0.0.1:$smtp_port" ] || postconf -MX "$service/inet"
  done
  if [ -z "$(postconf -M "127.0.0.1:$smtp_port/inet" 2>/dev/null)" ]; then
    postconf -M "127.0.0.1:$smtp_port/inet=127.0.0.1:$smtp_port inet n - n - - smtpd"
  fi
  # maillog_file needs the postlog service (Debian's master.cf has it; older ones may not).
  if [ -z "$(postconf -M postlog/unix-dgram 2>/dev/null)" ]; then
    postconf -M 'postlog/unix-dgram=postlog unix-dgram n - n - 1 postlogd'
  fi
  after=$(cksum </etc/postfix/master.cf)
  [ "$before" = "$after" ] || changed=0
  return "$changed"
}

dovecot_pid() {
  local pid
  [ -s "$dovecot_base/master.pid" ] || return 1
  pid=$(cat "$dovecot_base/master.pid")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# Runs a command that leaves a daemon behind: the daemon must not hold our lock (fd 9) or the
# caller's stdout and stderr (a CI step reading them would never end). Its output goes to
# $state/<command>.out, shown when it fails.
launch() {
  local out="$state/$1.out"
  if ! "$@" </dev/null >"$out" 2>&1 9>&-; then
    cat "$out" >&2
    fail "$* failed"
  fi
}

postfix_running() { postfix status >/dev/null 2>&1; }

wait_ready() {
  local deadline=$((SECONDS + start_timeout)) smtp imap
  while :; do
    smtp=$(greeting "$smtp_port")
    imap=$(greeting "$imap_port")
    [ "${smtp:0:3}" = 220 ] && [ "$imap" = '* OK' ] &&
      [ -S /var/spool/postfix/private/dovecot-lmtp ] && return
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "SMTP on :$smtp_port answered '${smtp}', IMAP on :$imap_port answered '${imap}'" >&2
      tail -n 20 "$postfix_log" "$dovecot_log" >&2 2>/dev/null || true
      fail "the mail servers did not answer within ${start_timeout}s"
    fi
    sleep 0.2
  done
}

write_env() {
  install_file "$state/env" 0644 <<EOF || true
export CHIDAO_TEST_SMTP_URL=smtp://127.0.0.1:$smtp_port
export CHIDAO_TEST_IMAP_URL=imap://127.0.0.1:$imap_port
export CHIDAO_TEST_MAIL_PASSWORD=$password
export CHIDAO_TEST_MAIL_DOMAIN=$domain
EOF
}

start() {
  local started=$SECONDS dovecot_changed=1 postfix_changed=1 pid
  [ "$(id -u)" = 0 ] || fail "run as root (packages, port 25, the mail user)"
  install_packages
  ensure_mail_user
  mkdir -p "$state/dovecot"

  local smtp_recorded imap_recorded
  smtp_recorded=$(recorded_port CHIDAO_TEST_SMTP_URL)
  imap_recorded=$(recorded_port CHIDAO_TEST_IMAP_URL)
  # A recorded port is only ours to keep while our servers hold it or nobody does.
  smtp_port=$(choose_port "${CHIDAO_TEST_SMTP_PORT:-}" "$smtp_recorded" 25 2525)
  imap_port=$(choose_port "${CHIDAO_TEST_IMAP_PORT:-}" "$imap_recorded" 143 1143)

  write_dovecot && dovecot_changed=0
  write_postfix && postfix_changed=0
  # Postfix creates its queue directories (private/ holds Dovecot's LMTP socket).
  postfix check

  if pid=$(dovecot_pid); then
    if [ "$dovecot_changed" = 0 ]; then
      say "Dovecot configuration changed: restarting it"
      doveadm -c "$dovecot_conf" stop
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      launch dovecot -c "$dovecot_conf"
    fi
  else
    port_open "$imap_port" && fail "127.0.0.1:$imap_port is taken by another process; set CHIDAO_TEST_IMAP_PORT"
    launch dovecot -c "$dovecot_conf"
  fi

  if postfix_running; then
    if [ "$postfix_changed" = 0 ]; then
      say "Postfix configuration changed: reloading it"
      launch postfix reload
    fi
  else
    port_open "$smtp_port" && fail "127.0.0.1:$smtp_port is taken by another process; set CHIDAO_TEST_SMTP_PORT"
    launch postfix start
  fi

  wait_ready
  write_env
  say "SMTP on 127.0.0.1:$smtp_port, IMAP on 127.0.0.1:$imap_port for *@$domain (ready in $((SECONDS - started))s)"
  say "logs: $postfix_log, $dovecot_log"
}

stop() {
  [ "$(id -u)" = 0 ] || fail "run as root"
  local pid
  if command -v postfix >/dev/null 2>&1 && postfix_running; then postfix stop 2>/dev/null; fi
  if pid=$(dovecot_pid); then
    doveadm -c "$dovecot_conf" stop
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  say "stopped; mailboxes kept in $state/mail"
}

status() {
  local code=0 pid
  if command -v postfix >/dev/null 2>&1 && postfix_running; then
    say "Postfix running"
  else
    say "Postfix not running"
    code=3
  fi
  if pid=$(dovecot_pid); then
    say "Dovecot running (pid $pid)"
  else
    say "Dovecot not running"
    code=3
  fi
  [ -f "$state/env" ] && cat "$state/env"
  return "$code"
}

env_lines() {
  [ -f "$state/env" ] || fail "not configured yet: run .ci/mail.sh start"
  cat "$state/env"
}

command=${1:-}
case "$command" in
  start | stop)
    # Two checkouts starting CI at once: one configures, the other then finds it running.
    mkdir -p /run/lock
    exec 9>/run/lock/chidao-mail.lock
    flock -w 600 9 || fail "another .ci/mail.sh holds /run/lock/chidao-mail.lock"
    ;;
esac
case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_lines ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
