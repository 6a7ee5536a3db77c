/**
 * The `uploadpack.packObjectsHook` the gateway's upload-pack runs instead of `pack-objects`: a POSIX
 * shell script, because it starts on every clone and fetch (a shell starts in about a millisecond,
 * node in tens). Called as `sh <hook> <cache dir> git pack-objects <args>`, in the mirror's directory.
 *
 * The key is a hash of the mirror's path, pack-objects' arguments and its input (the object ids
 * wanted and had): content-addressed, so a changed upstream (new ids) never meets an old pack.
 * A hit is copied out; a miss takes the key's lock (`flock`; concurrent identical requests wait
 * for one generation, then read it), runs pack-objects through `tee` into `tmp/` and renames the
 * file into `packs/` only when both pack-objects and the copy to git succeeded: an entry is never
 * half-written. Temporary files are named after the run (`REPOLINK_PACK_RUN`), so the gateway
 * removes them when the run ends. `generated` and `served` grow by one byte per generation or hit
 * (the cache's metric). Without `flock` the hook runs pack-objects uncached.
 */
export const PACK_CACHE_HOOK = `#!/bin/sh
cache=$1
shift
command -v flock >/dev/null 2>&1 || exec "$@"
run=\${REPOLINK_PACK_RUN:-run}
input="$cache/tmp/$run-$$.in"
# The input is kept for a miss; the gateway removes it (it removes every file of the run). A copy that
# failed (disk full) must not key a pack made from half of it: the request fails instead.
key=$({ pwd; printf '%s\\n' "$@"; tee "$input" || : >"$input.failed"; } | sha256sum)
key=\${key%% *}
[ -n "$key" ] && [ ! -e "$input.failed" ] || exit 1
entry="$cache/packs/$key"
serve() {
  if cat "$entry" 2>/dev/null; then
    printf s >>"$cache/served"
    exit 0
  fi
}
[ -f "$entry" ] && serve
exec 9>"$cache/locks/\${key%"\${key#???}"}"
# The writer streams to its own client: a slow one holds the lock, so a waiter gives up after a minute and packs uncached.
flock -w 60 9 || exec "$@" <"$input"
[ -f "$entry" ] && serve
partial="$cache/tmp/$run-$$.pack"
{ "$@" <"$input"; echo $? >"$partial.rc"; } | tee "$partial"
copied=$?
read -r packed <"$partial.rc" || packed=1
rm -f "$partial.rc"
if [ "$packed" = 0 ] && [ "$copied" = 0 ] && mv -f "$partial" "$entry"; then
  printf g >>"$cache/generated"
  exit 0
fi
rm -f "$partial"
[ "$packed" = 0 ] && exit 1
exit "$packed"
`;
