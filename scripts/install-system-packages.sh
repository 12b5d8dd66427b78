#!/usr/bin/env bash
# Debian packages the VS Code test host needs: libkrb5-dev (code-server's native kerberos module),
# ripgrep (seeds @vscode/ripgrep, whose installer would download from GitHub) and chromium (drives the workbench).
# Installs only what is missing, so a machine that has them all pays nothing.
set -euo pipefail
packages=(libkrb5-dev ripgrep chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  echo "system packages: all present (${packages[*]})"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y "${missing[@]}"
