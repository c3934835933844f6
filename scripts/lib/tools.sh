# Third-party tools the tests run against what the platform serves, from Debian's packages.
# Source this file, then: tools_install.

tools_install() {
  # promtool (Prometheus' own checker of a /metrics page) comes with Debian's prometheus package;
  # nothing of it is started.
  if ! command -v promtool >/dev/null 2>&1; then
    echo "Installing promtool (Debian package prometheus)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >/dev/null
  fi
  # GDAL's ogrinfo and ogr2ogr (what QGIS reads with) open every geographic answer and export.
  if ! command -v ogrinfo >/dev/null 2>&1; then
    echo "Installing GDAL's command-line tools (Debian package gdal-bin)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends gdal-bin >/dev/null
  fi
  # poppler's pdftotext reads the situation report's PDF back; the report's font (with Vietnamese
  # diacritics) is DejaVu Sans, which the server embeds in every PDF it makes.
  if ! command -v pdftotext >/dev/null 2>&1; then
    echo "Installing pdftotext (Debian package poppler-utils)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends poppler-utils >/dev/null
  fi
  # libxml2's xmllint validates the CAP alerts against the CAP 1.2 schema.
  if ! command -v xmllint >/dev/null 2>&1; then
    echo "Installing xmllint (Debian package libxml2-utils)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libxml2-utils >/dev/null
  fi
  report_font_install
}
