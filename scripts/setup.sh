#!/usr/bin/env bash
# Everything a fresh clone needs, then the main job: lint the bundled fixtures with the plugin
# (exits 0 when the findings are exactly the annotated ones) and package the .vsix.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh
npm ci
npm run build
bash scripts/setup-vscode-host.sh
npm run lint-fixtures
npm run package
echo "packaged: dist/socket-hygiene.vsix"
