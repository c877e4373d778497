# bench/lib.sh: shell helpers shared by bench/run and bench/profile (sourced, not run).
# Expects BENCH (this folder) and ROOT (the repository) to be set.
OUT=${OUT:-$BENCH/out}
CORPUS=${CORPUS:-$BENCH/corpus}

log() { printf '\033[1m[bench %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ensure_tools CMD:PKG... -- installs the Debian packages of missing commands (or of packages
# named pkg:NAME) with apt; 'apt-get update' runs at most once, and only if an install needs it.
ensure_tools() {
  local missing=() spec cmd pkg sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  for spec in "$@"; do
    cmd=${spec%%:*} pkg=${spec#*:}
    if [ "$cmd" = pkg ]; then
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    elif [[ $cmd == /* ]]; then
      [ -x "$cmd" ] || missing+=("$pkg")
    else
      command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing with apt: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local aptlog
  aptlog=$(mktemp)
  if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}" >"$aptlog" 2>&1; then
    $sudo apt-get update >>"$aptlog" 2>&1 || true
    if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}" >>"$aptlog" 2>&1; then
      cat "$aptlog" >&2
      rm -f "$aptlog"
      echo "bench: apt-get install ${missing[*]} failed" >&2
      return 1
    fi
  fi
  rm -f "$aptlog"
}

# build_annalist LOGFILE -- sets ANN to the binary: $ANNALIST_BIN, else a Release build in
# $ANNALIST_BUILD_DIR (default bench/out/build). ANN stays empty when the build fails.
build_annalist() {
  local logfile=$1
  ANN=
  if [ -n "${ANNALIST_BIN:-}" ]; then
    ANN=$(readlink -f "$ANNALIST_BIN")
    log "annalist: using $ANN"
    return 0
  fi
  local build=${ANNALIST_BUILD_DIR:-$OUT/build}
  log "building annalist (Release) in $build"
  if cmake -S "$ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DANNALIST_TESTS=OFF >"$logfile" 2>&1 &&
     cmake --build "$build" -j"$(nproc)" >>"$logfile" 2>&1; then
    ANN=$build/annalist
  else
    log "annalist did not build (see $logfile)"
    grep -E 'error' "$logfile" | head -5 >&2 || true
  fi
}

# find_gen -- sets GEN to gen-corpus: $GEN_CORPUS, shared/ beside the clone, /work/shared.
find_gen() {
  GEN=${GEN_CORPUS:-}
  if [ -z "$GEN" ]; then
    local g
    for g in "$ROOT/../shared/bench/gen-corpus" /work/shared/bench/gen-corpus; do
      [ -f "$g" ] && { GEN=$(readlink -f "$g"); break; }
    done
  fi
  [ -n "$GEN" ] && [ -f "$GEN" ] || { echo "bench: gen-corpus not found (set GEN_CORPUS)" >&2; return 1; }
}

# gen_corpus N -- bench/corpus/cN (with the --hugo copy), regenerated only when gen-corpus changed.
gen_corpus() {
  local n=$1 c=$CORPUS/c$1 stamp
  [ -n "${GEN:-}" ] || find_gen
  stamp="gen-corpus $(sha256sum "$GEN" | cut -c1-16) --chapters $n --hugo"
  if [ "$(cat "$c/.stamp" 2>/dev/null)" != "$stamp" ]; then
    log "generating corpus N=$n"
    # bench/run sets TRASH: the old corpus is moved aside, not deleted (deleting thousands of files
    # just before measuring slows file creation; see bench/README.md)
    if [ -n "${TRASH:-}" ]; then "$BENCH/rotate" "$c" "$TRASH"; else rm -rf "$c"; fi
    mkdir -p "$CORPUS"
    python3 "$GEN" "$c" --chapters "$n" --hugo 2>/dev/null
    echo "$stamp" >"$c/.stamp"
  fi
}

# cpu_busy -- percent of all CPUs busy over the next second (from /proc/stat), as an integer.
cpu_busy() {
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat)
  sleep 1
  read -r -a b < <(grep '^cpu ' /proc/stat)
  local total=0 idle i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$(( (b[4] - a[4]) + (b[5] - a[5]) ))
  [ $total -gt 0 ] || { echo 0; return; }
  echo $(( 100 * (total - idle) / total ))
}

# wait_quiet LABEL -- waits (up to QUIET_TIMEOUT s each, default 180, and QUIET_TOTAL s in all,
# default 300) until other processes leave the CPUs idle (busy <= QUIET_BUSY %, default 15), since
# timings on a shared machine are otherwise meaningless. Appends "LABEL busy%" to $RES/busy.txt
# ("LABEL busy% (timed out)" when it gave up).
QUIET_WAITED=0
wait_quiet() {
  local label=$1 limit=${QUIET_BUSY:-15} start deadline busy
  start=$(date +%s)
  deadline=$(( start + ${QUIET_TIMEOUT:-180} ))
  local total_left=$(( ${QUIET_TOTAL:-300} - QUIET_WAITED ))
  [ $(( start + total_left )) -lt $deadline ] && deadline=$(( start + total_left ))
  while :; do
    busy=$(cpu_busy)
    if [ "$busy" -le "$limit" ]; then
      [ -z "${RES:-}" ] || echo "$label $busy" >>"$RES/busy.txt"
      break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "  the machine is still busy ($busy% CPU used by others): measuring anyway"
      [ -z "${RES:-}" ] || echo "$label $busy (timed out)" >>"$RES/busy.txt"
      break
    fi
    [ $(( ($(date +%s) - start) % 30 )) -lt 5 ] && log "  waiting for a quiet machine ($busy% CPU busy)"
    sleep 4
  done
  QUIET_WAITED=$(( QUIET_WAITED + $(date +%s) - start ))
}

# Deleting thousands of files slows file creation on this filesystem for up to 300 s afterwards
# (see "What is measured" in bench/README.md). mark_deleted records that outputs were just deleted
# ($OUT/trash-deleted-at); wait_forgotten waits until 300 s have passed since then.
FORGET_S=300
mark_deleted() { date +%s >"$OUT/trash-deleted-at"; }
wait_forgotten() {
  local since
  [ -f "$OUT/trash-deleted-at" ] || return 0
  since=$(( $(date +%s) - $(cat "$OUT/trash-deleted-at") ))
  if [ "$since" -lt $FORGET_S ]; then
    log "outputs were deleted ${since} s ago: waiting $((FORGET_S - since)) s for the filesystem to forget them"
    sleep $((FORGET_S - since))
  fi
}
