#!/usr/bin/env bash
# Fetches Decap CMS from the npm registry, checks the tarball's sha256, and
# writes its program into assets/admin/ (the browser editor of the built-in
# theme), with SHA256SUMS. Needs curl, tar and sha256sum; not Node.
# Building a site never runs this: the files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=3.16.3
SHA256=f1c0055411ebdbd5b7c77a835a68b92b5467622585838f8496223b27eee116d1
url=https://registry.npmjs.org/decap-cms/-/decap-cms-$VERSION.tgz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL "$url" -o "$tmp/decap.tgz"
echo "$SHA256  $tmp/decap.tgz" | sha256sum -c --quiet - || {
	echo "vendor-decap: $url does not have the sha256 recorded here; not installed" >&2
	exit 1
}
tar -xzf "$tmp/decap.tgz" -C "$tmp"
dest=assets/admin
find "$dest" -maxdepth 1 -type f ! -name README.md -delete
(cd "$tmp/package/dist" && cp decap-cms.js ./*.decap-cms.js ./*.wasm decap-cms.js.LICENSE.txt "$OLDPWD/$dest/")
(cd "$dest" && find . -maxdepth 1 -type f ! -name README.md ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
echo "vendor-decap: decap-cms $VERSION in $dest ($(du -sh "$dest" | cut -f1)); review git diff, update README.md's version"
