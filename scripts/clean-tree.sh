#!/usr/bin/env bash
# `make test` must leave the working tree as it found it. This records the tree
# at the start and compares at the end:
#
#   scripts/clean-tree.sh start   snapshot the working tree (.cache/clean-tree/before)
#   scripts/clean-tree.sh check   fail, listing the files, if the tree differs from the snapshot
#
# The snapshot is the tree object of every tracked and untracked, not ignored
# file as it is on disk (`git add -A` into a throwaway index, then
# `git write-tree`), so a developer's own uncommitted edits are part of both
# snapshots and never fail the check, while a test that rewrites a file that
# was already modified still does. The real index is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
state_dir=.cache/clean-tree
before_file=$state_dir/before

snapshot() {
  local index
  index=$(mktemp)
  # Start from a copy of the real index so unchanged files are not hashed again.
  cp "$(git rev-parse --git-path index)" "$index" 2>/dev/null || rm -f "$index"
  GIT_INDEX_FILE=$index git add -A -- . >/dev/null 2>&1
  GIT_INDEX_FILE=$index git write-tree
  rm -f "$index"
}

case "${1:-}" in
  start)
    mkdir -p "$state_dir"
    snapshot >"$before_file"
    echo "clean-tree: working tree recorded ($(git status --porcelain | wc -l) entries in git status)"
    ;;
  check)
    if [[ ! -s $before_file ]]; then
      echo "clean-tree: no snapshot in $before_file: run 'scripts/clean-tree.sh start' (make test does) first" >&2
      exit 1
    fi
    before=$(cat "$before_file")
    after=$(snapshot)
    if [[ $before != "$after" ]]; then
      echo "clean-tree: FAILED: these files were created, changed or deleted while make test ran:" >&2
      git diff-tree -r --no-commit-id --name-status "$before" "$after" | sed 's/^/  /' >&2
      echo "Tests and checks must not write tracked or untracked (not ignored) files: put scratch files under .cache/," >&2
      echo "and generated documents behind their own targets (make docs, make bench)." >&2
      exit 1
    fi
    echo "clean-tree: make test changed nothing in the working tree (git status as at the start)"
    ;;
  *)
    echo "usage: $0 start|check" >&2
    exit 2
    ;;
esac
