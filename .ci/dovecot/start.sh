#!/usr/bin/env bash
# Starts the test Dovecot on 127.0.0.1:${IMAP_PORT:-11143} with the user desk/desk-password,
# everything under ${RUN_DIR:-/tmp/guichet-dovecot}, and prints the URL the tests read
# (GUICHET_TEST_IMAP_URL). Stop it with: doveadm -c "$RUN_DIR/dovecot.conf" stop
set -euo pipefail
RUN_DIR="${RUN_DIR:-/tmp/guichet-dovecot}"
IMAP_PORT="${IMAP_PORT:-11143}"
if [ -f "$RUN_DIR/dovecot.conf" ]; then doveadm -c "$RUN_DIR/dovecot.conf" stop >/dev/null 2>&1 || true; fi
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/run" "$RUN_DIR/state" "$RUN_DIR/mail"
chown 65534:65534 "$RUN_DIR/mail"
getent passwd dovenull >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin dovenull
echo "desk:{PLAIN}desk-password" > "$RUN_DIR/passwd"
sed -e "s#RUN_DIR#$RUN_DIR#g" -e "s#IMAP_PORT#$IMAP_PORT#g" \
  "$(dirname "$0")/dovecot.conf" > "$RUN_DIR/dovecot.conf"
dovecot -c "$RUN_DIR/dovecot.conf"
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT") 2>/dev/null; then
    echo "imap://desk:desk-password@127.0.0.1:$IMAP_PORT/INBOX"
    exit 0
  fi
  sleep 0.2
done
echo "dovecot did not start; its log:" >&2
cat "$RUN_DIR/dovecot.log" >&2 || true
exit 1
