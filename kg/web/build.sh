#!/bin/sh
# Installs the UI's npm packages and copies their built files into kg/web/vendor, where `kg serve`
# serves them from (the page loads nothing from a CDN). Run once after checkout / before packaging.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --ignore-scripts
else
    npm install --no-audit --no-fund --ignore-scripts
fi
rm -rf vendor/yasgui
mkdir -p vendor/yasgui
cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css vendor/yasgui/
version="$(node -p "require('@zazuko/yasgui/package.json').version")"
rm -rf vendor/cytoscape
mkdir -p vendor/cytoscape
cp node_modules/cytoscape/dist/cytoscape.min.js vendor/cytoscape/
cytoscape_version="$(node -p "JSON.parse(require('fs').readFileSync('node_modules/cytoscape/package.json')).version")"
rm -rf node_modules  # only the copied files are needed (and packaged)
echo "copied YASGUI $version into $here/vendor/yasgui, cytoscape.js $cytoscape_version into $here/vendor/cytoscape"
