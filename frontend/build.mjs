// Build Kith's front-end assets into static/dist/: one stylesheet compiled from GOV.UK Frontend
// and MOJ Frontend, their JavaScript bundles, and the images they refer to. Run by bin/setup
// whenever package-lock.json or frontend/ is newer than the last build.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "static", "dist");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const moj = join(root, "node_modules", "@ministryofjustice", "frontend", "moj");

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "css"), { recursive: true });
mkdirSync(join(dist, "js"), { recursive: true });

const css = sass.compile(join(root, "frontend", "kith.scss"), {
  loadPaths: [root, join(root, "frontend")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  logger: sass.Logger.silent,
});
writeFileSync(join(dist, "css", "kith.css"), css.css);

for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(join(govuk, file), join(dist, "js", file));
}
for (const file of ["moj-frontend.min.js", "moj-frontend.min.js.map"]) {
  cpSync(join(moj, file), join(dist, "js", file));
}
for (const file of ["kith.js", "drafts.js", "days.js"]) {
  cpSync(join(root, "frontend", file), join(dist, "js", file));
}
cpSync(join(root, "frontend", "body-classes.js"), join(dist, "js", "body-classes.js"));
cpSync(join(govuk, "assets", "images"), join(dist, "images"), { recursive: true });
cpSync(join(moj, "assets", "images"), join(dist, "images"), { recursive: true });
console.log(`Front-end assets built into ${dist}`);
