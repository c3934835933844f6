# The web dashboard: its npm packages, its build (web/dist, served by the server), and the browser
# its tests drive (Debian's Chromium; playwright-core never downloads one).
# Source this file, then: web_build (after the server's build, which writes the API description the
# dashboard's types are generated from); chromium_install.

web_build() {
  echo "Building the web dashboard…"
  npm ci --prefix "$ROOT/web" --no-audit --no-fund --loglevel=error
  npm run --prefix "$ROOT/web" --silent build >/dev/null
}

chromium_install() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium (Debian package)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
  fi
}
