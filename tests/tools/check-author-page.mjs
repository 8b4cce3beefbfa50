// Loads an author page in the system's Chromium (playwright-core, no browser download) at a phone's width and a
// desktop's, in light and dark, and prints as JSON what each showed: whether anything overflows the width (a
// horizontal scroll), axe-core's accessibility violations, the cards drawn per platform (and any hidden or squeezed
// to nothing), the warnings listed, CSP violations; and, when
// asked, a full-page screenshot.
// Input on stdin: {"chromium": "/usr/bin/chromium", "url": "http://127.0.0.1:…/admin/share-preview?blob=…",
// "headers": {"x-functions-key": "…"}, "publicOrigin": "https://news.example.com" (the site's public address, served
// by the server under test), "screenshot": "/path.png" (optional)}.
// Used by Serverless.IntegrationTests; installed from the repository's package-lock.json.
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = require("axe-core").source;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const userDataDir = await mkdtemp(join(tmpdir(), "serverless-author-page-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: input.chromium,
  headless: true,
  chromiumSandbox: false,
  extraHTTPHeaders: input.headers ?? {},
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const views = [];
  for (const [width, colorScheme] of [[375, "light"], [375, "dark"], [1280, "light"]]) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
    });
    // Images at the site's public address are fetched from the server under test; other hosts are not: the test is offline.
    const origin = new URL(input.url).origin;
    await page.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin) return route.continue();
      if (input.publicOrigin && url.origin === input.publicOrigin) return route.fulfill({ response: await route.fetch({ url: origin + url.pathname + url.search }) });
      return route.abort();
    });
    const response = await page.goto(input.url, { waitUntil: "load" });
    // axe runs from the test, not the page: the page's CSP forbids scripts, which is as it should be.
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}): ${v.nodes[0]?.failureSummary ?? ""}`);
    });
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth > window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      cards: [...document.querySelectorAll("figure.card")].map((figure) => figure.className),
      // A card the style sheet hides or squeezes to nothing is not drawn, whatever its markup.
      hiddenCards: [...document.querySelectorAll("figure.card")].filter((figure) => {
        const box = figure.getBoundingClientRect();
        return box.width < 100 || box.height < 40 || getComputedStyle(figure).visibility !== "visible";
      }).map((figure) => figure.className),
      warnings: document.querySelectorAll("ul.warnings li").length,
      violations: window.__cspViolations,
    }));
    // The first platforms, light and dark: enough to show what the page is.
    if (input.screenshot && width === 1280) await page.screenshot({ path: input.screenshot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1200 } });
    views.push({ width, colorScheme, status: response.status(), axe, ...layout });
    await page.close();
  }
  process.stdout.write(JSON.stringify({ views }));
} finally {
  await context.close();
}
