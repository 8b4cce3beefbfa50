#!/usr/bin/env bash
# Compiles and lints the Bicep infrastructure with a pinned Bicep CLI taken from
# NuGet (infra/tools/BicepCli.proj), so a machine with only the .NET SDK can run it.
# Fails on any compiler or linter diagnostic, warnings included.
#
# Usage: infra/build.sh        (from any directory)
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$infra_dir/tools/BicepCli.proj"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  echo "build.sh: the pinned Bicep CLI package is linux-x64; this machine is $(uname -s)/$(uname -m)." >&2
  exit 1
fi

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

started=$SECONDS

# 1. Restore: downloads the CLI package into the NuGet global packages folder.
echo "==> restoring Bicep CLI ($project)"
dotnet restore "$project" --verbosity quiet

# 2. Locate the binary (honours NUGET_PACKAGES / globalPackagesFolder via the restore's props).
bicep="$(dotnet msbuild "$project" -nologo -getProperty:BicepCliPath | tr -d '\r')"
if [[ -z "$bicep" || ! -f "$bicep" ]]; then
  echo "build.sh: Bicep CLI not found after restore (got '${bicep}')." >&2
  exit 1
fi
if [[ ! -x "$bicep" ]]; then
  # NuGet extraction does not always keep the executable bit.
  if ! chmod +x "$bicep" 2>/dev/null; then
    cp "$bicep" "$work_dir/bicep"
    chmod +x "$work_dir/bicep"
    bicep="$work_dir/bicep"
  fi
fi
echo "==> $("$bicep" --version)"

# Runs a bicep command; fails if it exits non-zero or prints any diagnostic.
# stdout of the command goes to $out (so --stdout templates are discarded).
check() {
  local label="$1" out="$2"
  shift 2
  local log="$work_dir/diagnostics.log"
  echo "==> $label"
  if ! "$bicep" "$@" >"$out" 2>"$log"; then
    cat "$log" >&2
    echo "build.sh: FAILED: $label" >&2
    exit 1
  fi
  if [[ -s "$log" ]]; then
    cat "$log" >&2
    echo "build.sh: FAILED: $label reported diagnostics (warnings are errors here)" >&2
    exit 1
  fi
}

# 3. Compile the template (modules included); the ARM JSON itself is not kept.
check "bicep build main.bicep" /dev/null build "$infra_dir/main.bicep" --stdout

# 4. Lint every Bicep file (rules and levels: infra/bicepconfig.json). Lint prints
#    its diagnostics on stdout or stderr depending on the version: check both.
check "bicep lint infra/**/*.bicep" "$work_dir/lint.out" lint --pattern "$infra_dir/**/*.bicep"
if [[ -s "$work_dir/lint.out" ]]; then
  cat "$work_dir/lint.out" >&2
  echo "build.sh: FAILED: bicep lint reported diagnostics" >&2
  exit 1
fi

# 5. Check main.parameters.json against main.bicep (names, types, required values):
#    convert it to a .bicepparam in a scratch folder and compile that.
echo "==> checking main.parameters.json"
if ! "$bicep" decompile-params "$infra_dir/main.parameters.json" \
  --bicep-file "$infra_dir/main.bicep" --outfile "$work_dir/main.bicepparam" 2>"$work_dir/decompile.log"; then
  cat "$work_dir/decompile.log" >&2
  echo "build.sh: FAILED: could not read main.parameters.json" >&2
  exit 1
fi
check "bicep build-params main.parameters.json" /dev/null build-params "$work_dir/main.bicepparam" --stdout

echo "==> OK: infra compiles and lints cleanly ($((SECONDS - started)) s)"
