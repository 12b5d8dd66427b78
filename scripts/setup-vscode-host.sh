#!/usr/bin/env bash
# Installs the real-VS-Code test host (code-server 4.100.3 = VS Code 1.100.3, and playwright-core to drive
# Debian's chromium) into .vscode-test/host/, outside the npm workspaces, so a root `npm ci` never runs
# code-server's post-install. Idempotent: when the stamp matches the pinned lock file it returns at once.
#
# Apt packages (libkrb5-dev, ripgrep, chromium): when one is missing and we are root, this script installs it
# with apt-get; otherwise it stops and names the command to run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pinned_dir="$repo_root/scripts/vscode-host"
host_dir="$repo_root/.vscode-test/host"
stamp="$host_dir/.installed"
code_server_dir="$host_dir/node_modules/code-server"

say() { printf 'setup-vscode-host: %s\n' "$*"; }
fail() { printf 'setup-vscode-host: ERROR: %s\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------------------------------
apt_packages=(libkrb5-dev ripgrep chromium)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    say "installing missing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    fail "missing Debian packages: ${missing[*]}. Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
fi

# --- Already installed? ----------------------------------------------------------------------------
# The stamp holds the hash of what was installed plus the Node major (code-server's native modules are
# built for it), so a changed pin or Node version reinstalls.
wanted="$(cat "$pinned_dir/package.json" "$pinned_dir/package-lock.json" | sha256sum | cut -d' ' -f1) node$(node -p 'process.versions.node.split(".")[0]')"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" && -x "$code_server_dir/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]]; then
  say "already installed ($(node -p "require('$code_server_dir/package.json').version") in .vscode-test/host)"
  exit 0
fi

# --- Pre-seed @vscode/ripgrep's download cache with Debian's rg ---------------------------------------
# @vscode/ripgrep's post-install downloads rg from GitHub, which is unreachable here; it first looks in this
# cache (see its lib/download.js), so a tar.gz with Debian's rg in it is used instead.
ripgrep_pkg_version=1.15.11 # pinned by code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
ripgrep_asset_version=v13.0.0-10 # VERSION in @vscode/ripgrep 1.15.11's lib/postinstall.js
case "$(uname -m)" in
  x86_64) ripgrep_target=x86_64-unknown-linux-musl ;;
  aarch64) ripgrep_target=aarch64-unknown-linux-musl ;;
  *) fail "unsupported architecture $(uname -m) for the ripgrep cache" ;;
esac
ripgrep_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$ripgrep_pkg_version"
ripgrep_tar="$ripgrep_cache/ripgrep-$ripgrep_asset_version-$ripgrep_target.tar.gz"
if ! tar tzf "$ripgrep_tar" 2>/dev/null | grep -qx 'rg'; then
  say "seeding $ripgrep_tar with $(command -v rg)"
  mkdir -p "$ripgrep_cache"
  tar czf "$ripgrep_tar.tmp" -C "$(dirname "$(readlink -f "$(command -v rg)")")" rg
  mv "$ripgrep_tar.tmp" "$ripgrep_tar"
fi

# --- npm ci in the host folder ---------------------------------------------------------------------
say "installing code-server and playwright-core into .vscode-test/host (takes a few minutes the first time)"
mkdir -p "$host_dir"
rm -f "$stamp"
cp "$pinned_dir/package.json" "$pinned_dir/package-lock.json" "$host_dir/"
log="$host_dir/npm-ci.log"
# unsafe_perm: code-server's post-install refuses to run as root without it.
# yes: its post-install runs `npx node-gyp`, which would otherwise ask before fetching node-gyp.
if ! (cd "$host_dir" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund >"$log" 2>&1); then
  tail -n 40 "$log" >&2
  if grep -qi 'allowScripts\|allow-scripts' "$log"; then
    fail "npm refused the install scripts of code-server and its dependencies (allowScripts). They are needed: code-server builds native modules and installs VS Code's own dependencies in its post-install. Allow them (see the npm log above: $log) and run again."
  fi
  fail "npm ci failed in .vscode-test/host, full log: $log"
fi

# npm 11 only warns that these install scripts are not covered by allowScripts; a later npm may skip them
# silently, which leaves code-server without VS Code's dependencies.
if [[ ! -x "$code_server_dir/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" || ! -d "$code_server_dir/lib/vscode/extensions/node_modules" ]]; then
  grep -i 'allowScripts\|allow-scripts\|install script' "$log" >&2 || true
  fail "code-server's post-install did not run (lib/vscode/node_modules is incomplete). If npm skipped install scripts (allowScripts), allow them for code-server, @vscode/ripgrep, node-pty, kerberos, @parcel/watcher, @vscode/spdlog, native-watchdog and run again. Log: $log"
fi

if grep -q 'not yet covered by allowScripts' "$log"; then
  say "note: npm warned that code-server's and argon2's install scripts are not covered by allowScripts; they ran (checked above). If a later npm skips them, this script stops and says so."
fi
printf '%s\n' "$wanted" >"$stamp"
say "installed code-server $(node -p "require('$code_server_dir/package.json').version"), playwright-core $(node -p "require('$host_dir/node_modules/playwright-core/package.json').version")"
