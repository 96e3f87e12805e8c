# Sourced by scripts/test-services.sh: a private CUPS server with a cups-pdf queue for tests.
# Its own ServerRoot, spool and logs under .test-services/cups, its own port on 127.0.0.1;
# the system's CUPS is not touched, except for cups-pdf's per-queue config file, which
# cups-pdf only reads from /etc/cups (cups-pdf-QUEUE.conf, named after our queue).
# Idempotent: a running server and an existing queue are reused (and the queue re-enabled).

cups_port="${RETURNSDESK_TEST_CUPS_PORT:-56631}"
# cups-pdf's config file is per queue name and machine-wide: a server on another port gets
# a queue of its own name, so it never redirects the output of the default one
if [ "$cups_port" = 56631 ]; then default_queue=returnsdesk_test_pdf; else
  default_queue="returnsdesk_test_pdf_$cups_port"
fi
cups_queue="${RETURNSDESK_TEST_CUPS_QUEUE:-$default_queue}"
cups_dir="$root/cups"
cups_out="$root/cups-pdf"
cups_host="127.0.0.1:$cups_port"

_cups_write_config() {
  mkdir -p "$cups_dir"/{etc/ppd,spool/tmp,cache,state,log}
  cat >"$cups_dir/etc/cupsd.conf" <<CONF
Listen 127.0.0.1:$cups_port
LogLevel warn
MaxLogSize 1m
WebInterface No
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
JobRetryLimit 0
PreserveJobFiles No
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Location /admin>
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
  cat >"$cups_dir/etc/cups-files.conf" <<CONF
ServerRoot $cups_dir/etc
RequestRoot $cups_dir/spool
TempDir $cups_dir/spool/tmp
CacheDir $cups_dir/cache
StateDir $cups_dir/state
ErrorLog $cups_dir/log/error_log
AccessLog $cups_dir/log/access_log
PageLog $cups_dir/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
User lp
Group lp
SystemGroup root lpadmin
Sandboxing Relaxed
FileDevice No
CONF
  chmod 755 "$root" "$cups_dir" "$cups_dir/etc"
  chown root:lp "$cups_dir/spool" "$cups_dir/spool/tmp" "$cups_dir/cache" 2>/dev/null || true
  chmod 0710 "$cups_dir/spool"
  chmod 1770 "$cups_dir/spool/tmp"
}

_cups_pdf_config() {
  mkdir -p "$cups_out"
  chmod 0777 "$cups_out"
  local conf="/etc/cups/cups-pdf-$cups_queue.conf"
  local want
  want=$(printf 'Out %s\nAnonDirName %s\nLabel 1\nTitlePref 1\nUserUMask 0000\nGrp lpadmin\nDecodeHexStrings 1\n' \
    "$cups_out" "$cups_out")
  if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
    printf '%s\n' "$want" >"$conf"
  fi
}

_cups_running() {
  lpstat -h "$cups_host" -r 2>/dev/null | grep -q "is running"
}

start_cups() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "CUPS for tests needs root (a private cupsd with the cups-pdf backend); skipped" >&2
    return 0
  fi
  if ! command -v cupsd >/dev/null || [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
    echo "cupsd or cups-pdf missing: run scripts/install-system-deps.sh; CUPS tests skipped" >&2
    return 0
  fi
  _cups_pdf_config
  if ! _cups_running; then
    port_taken "$cups_port" CUPS RETURNSDESK_TEST_CUPS_PORT
    _cups_write_config
    setsid /usr/sbin/cupsd -f -c "$cups_dir/etc/cupsd.conf" -s "$cups_dir/etc/cups-files.conf" \
      >"$cups_dir/log/cupsd.out" 2>&1 </dev/null &
    echo $! >"$cups_dir/cupsd.pid"
    for _ in $(seq 1 50); do _cups_running && break; sleep 0.1; done
    if ! _cups_running; then
      echo "private cupsd did not start; see $cups_dir/log" >&2
      return 0
    fi
  fi
  if ! lpstat -h "$cups_host" -p "$cups_queue" >/dev/null 2>&1; then
    # the device URI names the queue: cups-pdf then reads cups-pdf-QUEUE.conf
    lpadmin -h "$cups_host" -p "$cups_queue" -E -v "cups-pdf:/$cups_queue" \
      -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -o printer-error-policy=abort-job 2>/dev/null
  fi
  cupsenable -h "$cups_host" "$cups_queue"
  cupsaccept -h "$cups_host" "$cups_queue"
  {
    echo "CUPS_SERVER=$cups_host"
    echo "RETURNSDESK_TEST_CUPS_QUEUE=$cups_queue"
    echo "RETURNSDESK_TEST_CUPS_PDF_DIR=$cups_out"
  } >>"$envfile.tmp"
}

stop_cups() {
  local pidfile="$cups_dir/cupsd.pid"
  if [ -f "$pidfile" ]; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  fi
}
