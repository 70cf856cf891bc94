// Copy the built browser files of the npm dependencies (and their licences)
// into the Python package, so the dashboard works offline and ships in the wheel.
// Run with `make web-assets` (npm ci + this script) after changing package.json.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "waqai", "web", "static", "vendor");

const files = {
  "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
  cytoscape: ["dist/cytoscape.min.js", "LICENSE"],
  "swagger-ui-dist": ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"],
};

rmSync(vendor, { recursive: true, force: true });
for (const [pkg, names] of Object.entries(files)) {
  const out = join(vendor, pkg);
  mkdirSync(out, { recursive: true });
  for (const name of names) {
    const base = name.split("/").pop();
    copyFileSync(join(modules, pkg, name), join(out, base));
    console.log(`vendor/${pkg}/${base}`);
  }
}
