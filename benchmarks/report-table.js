// Prints the one table of benchmarks/report.sh from the files its parts left in a folder (argument 1):
//   <part>.skipped          why the part did not run (then its row says "not run: …")
//   publish/startup/functions/memory.json   {"rows":[{"name","value","unit"}]}
//   load.json               {"rows":[{"name","server","rps","p50_ms","p99_ms"}],"ratios":{name: value}}
//   counts.log              the console output of PublishCostTests and ListingAtSizeTests
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const parts = [
  ["publish", "Publish throughput", namedRows],
  ["counts", "Storage requests", countRows],
  ["load", "HTTP load", loadRows],
  ["startup", "Local server start", namedRows],
  ["functions", "Functions worker start", namedRows],
  ["memory", "Memory and idle cost", namedRows],
];

const number = (value, digits = 2) =>
  typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: digits }) : String(value);

function readJson(part) {
  const file = path.join(dir, `${part}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`no ${part}.json written (see ${part}.log)`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function namedRows(part) {
  const { rows } = readJson(part);
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new Error(`${part}.json has no rows`);
  }
  return rows.map((row) => [row.name, `${number(row.value)} ${row.unit}`]);
}

function loadRows(part) {
  const { rows, ratios } = readJson(part);
  const table = rows.map((row) => [
    `${row.name} (${row.server})`,
    `${number(row.rps, 0)} req/s, p50 ${number(row.p50_ms)} ms, p99 ${number(row.p99_ms)} ms`,
  ]);
  for (const [name, value] of Object.entries(ratios ?? {})) {
    table.push([`ratio: ${name}`, number(value)]);
  }
  return table;
}

// The tests print their counts; read them back rather than asking the tests to write files.
function countRows(part) {
  const file = path.join(dir, `${part}.log`);
  const log = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const table = [];
  const cost = (text) => {
    const match = /Ingest = (\d+), Render = (\d+), Messages = (\d+)/.exec(text);
    return match ? `stage 1 ${match[1]}, stage 2 ${match[2]} (${match[3]} render messages)` : text;
  };
  const publish = /publish: Cost \{([^}]*)\} in 100, Cost \{([^}]*)\} in 5000; unpublish: Cost \{([^}]*)\} in 100, Cost \{([^}]*)\} in 5000/.exec(log);
  if (publish) {
    table.push(["publish, corpus of 100", cost(publish[1])]);
    table.push(["publish, corpus of 5,000", cost(publish[2])]);
    table.push(["unpublish, corpus of 100", cost(publish[3])]);
    table.push(["unpublish, corpus of 5,000", cost(publish[4])]);
  }
  for (const match of log.matchAll(/^\s*(\/\S*): (\d+) storage requests at 100 articles, (\d+) at 10000/gm)) {
    table.push([`cold GET ${match[1]}`, `${match[2]} at 100 articles, ${match[3]} at 10,000`]);
  }
  if (table.length === 0) {
    throw new Error(`no counts found in ${part}.log`);
  }
  const failed = /Failed:\s+([1-9]\d*)/.exec(log);
  if (failed) {
    table.push(["tests failed", `${failed[1]} (see ${part}.log)`]);
  }
  return table;
}

const lines = ["| Part | Figure | Value |", "|---|---|---:|"];
for (const [part, title, read] of parts) {
  const skipped = path.join(dir, `${part}.skipped`);
  let rows;
  if (fs.existsSync(skipped)) {
    rows = [["", `not run: ${fs.readFileSync(skipped, "utf8").trim()}`]];
  } else {
    try {
      rows = read(part);
    } catch (error) {
      rows = [["", `not run: ${error.message}`]];
    }
  }
  rows.forEach(([figure, value], index) => lines.push(`| ${index === 0 ? title : ""} | ${figure} | ${value} |`));
}
console.log(lines.join("\n"));
