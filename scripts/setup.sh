#!/usr/bin/env bash
# Everything a fresh clone needs, then the main job: the socket-hygiene command on the bundled fixtures,
# the check that its findings are exactly the annotated ones, and the .vsix.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh
npm ci
npm run build
bash scripts/setup-vscode-host.sh
# The main job, as a user runs it: the socket-hygiene command on the bundled leaky fixtures prints the
# findings and exits 1 because there are some; any other exit code (0: nothing found, 2: an error) fails.
status=0
npx --no-install socket-hygiene test-fixtures || status=$?
if [ "$status" -ne 1 ]; then
  echo "socket-hygiene test-fixtures exited $status; expected 1 (the fixtures' leaks found)" >&2
  exit 1
fi
# The findings are exactly the ones annotated '// expect: socket-hygiene/<rule>' in the fixtures.
npm run lint-fixtures
npm run package
echo "packaged: dist/socket-hygiene.vsix"
