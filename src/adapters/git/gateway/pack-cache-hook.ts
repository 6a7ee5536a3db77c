/**
 * The `uploadpack.packObjectsHook` the gateway's upload-pack runs instead of `pack-objects`: a POSIX
 * shell script, because it starts on every clone and fetch (a shell starts in about a millisecond,
 * node in tens). Called as `sh <hook> <cache dir> git pack-objects <args>`, in the mirror's directory.
 *
 * The key is a hash of the mirror's path, pack-objects' arguments and its input (the object ids
 * wanted and had): content-addressed, so a changed upstream (new ids) never meets an old pack.
 * A hit is copied out. On a miss, under the key's lock (`flock`), the first request starts one
 * generation and every request for the key — the first and any that arrive while it runs — follows
 * its partial pack in `tmp/` as it grows (`tail -f`): ten identical clones at once run one
 * pack-objects and stream its bytes as they are made. The generation runs in a session of its own
 * (`setsid`), so a client that goes away stops only its own copy, never the pack the others read;
 * it ends within `REPOLINK_PACK_TIMEOUT` seconds. The partial is renamed into `packs/` only when
 * pack-objects succeeded, and a follower succeeds only when what it read is that entry: an entry is
 * never half-written and nobody is served half a pack. The partial's lock is held while its
 * generation lives; one found free (a killed server) is made again. Files of a run
 * (`REPOLINK_PACK_RUN`) are removed by the gateway when the run ends; after a failed run (client gone,
 * time limit) it calls the hook's `--sweep`, which removes a generation that run was handing off when
 * it died. `generated` and `served` hold the number of generations and of requests served from an
 * entry (the cache's metric). Without
 * `flock` or `setsid` the hook runs pack-objects uncached.
 */
export const PACK_CACHE_HOOK = `#!/bin/sh
# Counters are numbers, replaced whole under their own lock.
count() {
  { flock 8; n=0; read -r n <"$cache/$1"; echo $((n + 1)) >"$cache/$1.new"; mv -f "$cache/$1.new" "$cache/$1"; } 8>>"$cache/counts.lock"
}
if [ "$1" = --generate ]; then
  # The generation, in a session of its own: fd 6 is the partial pack, locked until this process ends.
  cache=$2
  key=$3
  shift 3
  partial="$cache/tmp/gen-$key.pack"
  timeout -s KILL "\${REPOLINK_PACK_TIMEOUT:-3600}" "$@" <"$partial.in" >&6
  packed=$?
  exec 9>"$cache/locks/\${key%"\${key#???}"}"
  flock 9
  if [ "$packed" = 0 ] && mv -f "$partial" "$cache/packs/$key"; then count generated; else rm -f "$partial"; fi
  rm -f "$partial.in"
  exit 0
fi
if [ "$1" = --sweep ]; then
  # After a request failed (killed): a generation it was handing off when it died (its input moved, its
  # partial not yet locked by a generator of its own session) has none, and its files go now. Under
  # the key's lock, as a request judging the partial does.
  cache=$2
  for file in "$cache"/tmp/gen-*.pack "$cache"/tmp/gen-*.pack.in; do
    partial=\${file%.in}
    key=\${partial##*/gen-}
    key=\${key%.pack}
    [ -e "$file" ] && exec 9>"$cache/locks/\${key%"\${key#???}"}" && flock -w 10 9 || continue
    if [ ! -e "$partial" ]; then
      rm -f "$partial.in"
    elif exec 7<"$partial" && flock -n -s 7; then
      rm -f "$partial" "$partial.in"
    fi
    exec 7<&- 9>&-
  done
  exit 0
fi
cache=$1
shift
command -v flock >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1 || exec "$@"
run=\${REPOLINK_PACK_RUN:-run}
input="$cache/tmp/$run-$$.in"
# The input is kept for a miss; the gateway removes it (it removes every file of the run). A copy that
# failed (disk full) must not key a pack made from half of it: the request fails instead.
key=$({ pwd; printf '%s\\n' "$@"; tee "$input" || : >"$input.failed"; } | sha256sum)
key=\${key%% *}
[ -n "$key" ] && [ ! -e "$input.failed" ] || exit 1
entry="$cache/packs/$key"
partial="$cache/tmp/gen-$key.pack"
serve() {
  if cat "$entry" 2>/dev/null; then
    count served
    exit 0
  fi
}
[ -f "$entry" ] && serve
exec 9>"$cache/locks/\${key%"\${key#???}"}"
flock -w 60 9 || exec "$@" <"$input"
if [ -f "$entry" ]; then
  exec 9>&-
  serve
  exec "$@" <"$input"
fi
started=
# A partial pack whose lock is free has lost its generation (a killed server): it is made again.
if [ -e "$partial" ]; then
  exec 7<"$partial"
  if flock -n -s 7; then
    exec 7<&-
    rm -f "$partial" "$partial.in"
  fi
fi
if [ ! -e "$partial" ]; then
  mv -f "$input" "$partial.in" || exit 1
  exec 6>"$partial"
  flock -x 6
  setsid /bin/sh "$0" --generate "$cache" "$key" "$@" </dev/null >/dev/null 2>&1 7<&- 9>&- &
  exec 6>&- 7<"$partial"
  started=1
fi
exec 9>&-
# Every request follows the partial pack as it grows, until its generation ends (its lock comes free).
flock -s 7 &
tail -c +1 -f -s 0.02 --pid=$! <&7
copied=$?
if [ "$copied" = 0 ] && [ "$entry" -ef /dev/fd/7 ]; then
  [ -n "$started" ] || count served
  exit 0
fi
exit 1
`;
