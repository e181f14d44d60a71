#!/bin/sh
# `npm run build`: `astro build`, then the search index once Astro has exited.
#
# Indexing inside Astro's last hook stacks Pagefind's memory on Astro's heap, which the build still
# holds then, so the index is written after Astro exits (scripts/index-site.ts). This wrapper is a
# shell script, not Node: it stays alive for the whole build, and an idle Node process holds
# 40-55 MiB that would add to the build's peak.
#
# The integration writes the folder to index into the file named by KB_INDEX_AFTER_BUILD instead of
# indexing; a plain `astro build` (or Astro's API, as the tests use) still indexes in-process.
#
# Usage: npm run build [-- astro build options, e.g. --root DIR --outDir DIR]
set -u
project=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd) || exit 1
node=${npm_node_execpath:-node}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/runbook-kb-build-XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
request="$scratch/index-request.json"

KB_INDEX_AFTER_BUILD="$request" ASTRO_TELEMETRY_DISABLED=1 ASTRO_DISABLE_UPDATE_CHECK=true \
  "$node" "$project/node_modules/astro/astro.js" build "$@" &
astro=$!
# Started in the background so that a signal sent to this script alone (npm passes SIGTERM on to
# it) reaches Astro too; Ctrl-C reaches the whole process group anyway.
trap 'kill -INT "$astro" 2>/dev/null' INT
trap 'kill -TERM "$astro" 2>/dev/null' TERM
wait "$astro"
status=$?
# A signal ends `wait` early: Astro is stopping, and waiting for it keeps its last words on screen.
while kill -0 "$astro" 2>/dev/null; do
  wait "$astro"
  status=$?
done

# Stopped by a signal: nothing to index. No request: Astro stopped before writing the site (an
# error, or only `--help`). A build the content gate failed still wrote every good page (status 1,
# request written): it is indexed as `astro build` alone would have, and the status stays the gate's.
if [ "$status" -gt 128 ] || [ ! -s "$request" ]; then exit "$status"; fi
"$node" "$project/scripts/kb.mjs" index-site "$request" || exit 1
exit "$status"
