#!/usr/bin/env bash
# mypy over the package as it installs: ui/, printing/ and resources/ sit beside returnsdesk/
# and install into it (package-dir in pyproject.toml), which mypy cannot follow through the
# editable install. A tree of links puts them where they install, so every import between
# the core, the windows and the documents is type-checked; paths are printed as in the repo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stage=$root/build/typecheck
rm -rf "$stage"
mkdir -p "$stage"
cp -rs "$root/returnsdesk" "$stage/"
for part in ui printing resources; do
  ln -s "$root/$part" "$stage/returnsdesk/$part"
done
cd "$stage"
"$root/.venv/bin/mypy" --config-file "$root/pyproject.toml" --cache-dir "$root/build/mypy-cache" returnsdesk \
  | sed -e 's#^returnsdesk/ui/#ui/#' -e 's#^returnsdesk/printing/#printing/#'
