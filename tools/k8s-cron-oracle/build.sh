#!/usr/bin/env bash
# Builds the Kubernetes schedule oracle (main.go beside this script) with Debian's Go and
# Debian's robfig/cron 3.0.1 package, offline (GOPROXY=off): the package's sources replace the
# module in a scratch copy of go.mod. Usage: build.sh OUTPUT_BINARY
# Installs golang-go and golang-github-robfig-cron-dev with apt-get when they are missing (needs
# root). Prints the binary's path on success.
set -euo pipefail
out=${1:?usage: build.sh OUTPUT_BINARY}
case $out in /*) ;; *) out="$PWD/$out" ;; esac
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v go >/dev/null || ! dpkg -s golang-github-robfig-cron-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-github-robfig-cron-dev >/dev/null
fi
version=$(dpkg-query -W -f='${Version}' golang-github-robfig-cron-dev)
case $version in
  3.0.1-*) ;;
  *) echo "golang-github-robfig-cron-dev is $version; the oracle needs 3.0.1, the version Kubernetes vendors" >&2; exit 1 ;;
esac
cron_src=$(dpkg -L golang-github-robfig-cron-dev | grep -E '/robfig/cron$' | head -n 1)
[ -n "$cron_src" ] || { echo "robfig/cron sources not found in golang-github-robfig-cron-dev" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$here/go.mod" "$work/"
mkdir -p "$(dirname "$out")"
(
  cd "$work"
  export GOPROXY=off GOFLAGS=-mod=mod GOCACHE="${GOCACHE:-$work/.cache}" GOPATH="$work/gopath"
  go mod edit -replace "github.com/robfig/cron/v3=$cron_src"
  go build -trimpath -o "$out" .
)
echo "$out"
