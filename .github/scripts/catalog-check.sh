#!/usr/bin/env bash
# PR check: validates the catalog files a pull request changes, against the published portal's catalog so that
# references to entities defined in other repositories resolve, and prints GitHub annotations for the diff.
#
#   catalog-check.sh BASE_REF
#
# PAVED                    the command that runs Paved (default: ./paved)
# PAVED_PUBLISHED_CATALOG  the published catalog.json (URL, file or site folder); without it, refs are checked
#                          against the changed files and this repository's catalog/ only
# Exit status: 0 clean, 1 errors, as `paved validate`.
set -euo pipefail
base="${1:?usage: catalog-check.sh BASE_REF}"
read -r -a paved <<< "${PAVED:-./paved}"

mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base"...HEAD -- '*.yaml' '*.yml' \
  | grep -E '(^|/)catalog-info\.ya?ml$|^catalog/.*\.ya?ml$' | grep -v '/skeleton/' || true)
if [ "${#files[@]}" -eq 0 ]; then
  echo "No catalog files changed."
  exit 0
fi
echo "Checking ${#files[@]} changed catalog file(s): ${files[*]}" >&2
args=(validate --format github)
if [ -n "${PAVED_PUBLISHED_CATALOG:-}" ]; then
  args+=(--against "$PAVED_PUBLISHED_CATALOG")
fi
exec "${paved[@]}" "${args[@]}" "${files[@]}"
