// Loads pages in the system's Chromium (Debian's `chromium`, driven by playwright-core, which downloads no browser)
// and prints, as JSON, what could have run in each: dialogs opened, whether the pages' injected code ran (it sets
// window.xssRan), event-handler attributes and non-http(s)/mailto URLs in the DOM, script elements, CSP violations and
// the Content-Security-Policy header. Each page is loaded twice: as served, and with its CSP header removed, so the
// markup itself is shown to be inert. A canary page with a real inline script proves the detection works.
// Input on stdin: {"chromium": "/usr/bin/chromium", "urls": ["http://127.0.0.1:…/articles/…", …]}.
// Used by Serverless.IntegrationTests; installed from the repository's package-lock.json.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

// What the DOM holds that could run a script, read as the browser parsed it (URLs resolved by its own URL parser).
function inspectDom() {
  const handlers = [];
  const dangerousUrls = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) handlers.push(`${attribute.name} on <${element.localName}>`);
    }
    for (const name of ["href", "src", "action", "formaction", "poster", "data", "background", "xlink:href"]) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      let protocol;
      try {
        protocol = new URL(value, document.baseURI).protocol;
      } catch {
        continue; // unparseable: the browser does not follow it either
      }
      if (!["http:", "https:", "mailto:"].includes(protocol)) dangerousUrls.push(`${protocol} in ${name} of <${element.localName}>: ${value}`);
    }
  }
  return {
    handlers,
    dangerousUrls,
    scripts: [...document.scripts].filter((script) => script.type !== "application/ld+json" || script.src).map((script) => script.outerHTML),
    // The site's forms, the header's search box and the search page's own, submit by GET to its own /search: any other form is active content.
    activeElements: [...document.querySelectorAll("iframe, frame, object, embed, base, form, meta[http-equiv]")]
      .filter((element) => !(element.matches("body > header.site > form.search, body > main#main > form[role=search]") && element.getAttribute("action") === "/search" && element.getAttribute("method") === "get"))
      .map((element) => element.outerHTML),
    xssRan: window.xssRan === true,
    violations: window.__cspViolations ?? [],
  };
}

async function visit(context, url, stripCsp) {
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
  });
  // Only the local server is reached: images the articles name on other hosts are refused before any lookup.
  const origin = new URL(url).origin;
  await page.route("**/*", async (route) => {
    if (new URL(route.request().url()).origin !== origin) {
      await route.abort("blockedbyclient");
    } else if (stripCsp) {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      await route.fulfill({ response, headers });
    } else {
      await route.continue();
    }
  });
  const response = await page.goto(url, { waitUntil: "load" });
  // Handlers such as onerror, onload and ontoggle fire after load: give them a moment before reading the outcome.
  await page.waitForTimeout(300);
  const dom = await page.evaluate(inspectDom);
  const result = { url, stripCsp, status: response.status(), csp: response.headers()["content-security-policy"] ?? null, dialogs, ...dom };
  await page.close();
  return result;
}

async function canary(context) {
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.setContent(`<p><img src="x" onerror="window.xssRan = true; alert('canary')"><a href="javascript:alert(2)">x</a></p>`);
  await page.waitForTimeout(300);
  const dom = await page.evaluate(inspectDom);
  await page.close();
  return { dialogs, ...dom };
}

const userDataDir = await mkdtemp(join(tmpdir(), "serverless-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: input.chromium,
  headless: true,
  chromiumSandbox: false,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const pages = [];
  for (const url of input.urls) {
    pages.push(await visit(context, url, false));
    pages.push(await visit(context, url, true));
  }
  process.stdout.write(JSON.stringify({ browser: context.browser()?.version() ?? null, canary: await canary(context), pages }));
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
