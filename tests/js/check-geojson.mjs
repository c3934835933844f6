// Checks GeoJSON answers of a running server against RFC 7946 with an independent validator
// (@placemarkio/check-geojson). Usage: node check-geojson.mjs <server> <token> <path>...
// Prints one line per path and exits 1 when any answer has an issue.
import { getIssues } from "@placemarkio/check-geojson";

const [server, token, ...paths] = process.argv.slice(2);
let failed = false;
for (const path of paths) {
  const response = await fetch(server + path, { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (!response.ok) {
    console.log(`${path}: HTTP ${response.status}`);
    failed = true;
    continue;
  }
  const issues = getIssues(text);
  const features = JSON.parse(text).features?.length ?? 1;
  console.log(`${path}: ${features} features, ${issues.length} issues`);
  for (const issue of issues.slice(0, 5)) console.log(`  ${issue.message} (${issue.from}-${issue.to})`);
  failed ||= issues.length > 0;
}
process.exit(failed ? 1 : 0);
