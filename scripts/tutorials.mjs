#!/usr/bin/env node
// npm run docs:tutorials [-- --update] [-- PAGE...]
//
// Runs every `$ retroprop …` command of the tutorials (docs/tutorials/{es,en}/*.md) and compares its output
// with the page's ```text block, as test/docs/tutorials.test.ts does; with --update it writes the real
// outputs into the pages instead (after another branch changed a command's wording, say). The parser and
// the runner are the test's own (test/docs/tutorial-pages.ts), so run `npm run build` first.
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const lib = join(root, "dist", "test", "docs", "tutorial-pages.js");
if (!existsSync(lib)) {
  console.error("retroprop: dist/test/docs/tutorial-pages.js is missing; run `npm run build` first");
  process.exit(1);
}
const {
  missingData,
  normalise,
  parseTutorial,
  readPage,
  renderTutorial,
  runLimited,
  runTutorialCommand,
  tutorialPages,
} = await import(lib);

const args = process.argv.slice(2);
const update = args.includes("--update");
const unknown = args.filter((a) => a.startsWith("-") && a !== "--update");
if (unknown.length > 0) {
  console.error(
    `retroprop: unknown option ${unknown[0]} (usage: npm run docs:tutorials -- [--update] [PAGE...])`,
  );
  process.exit(1);
}
const wanted = args.filter((a) => !a.startsWith("-"));
const pages = tutorialPages().filter((p) => wanted.length === 0 || wanted.includes(p));
if (pages.length === 0) {
  console.error(`retroprop: no tutorial page matches ${wanted.join(", ")}`);
  process.exit(1);
}

let drifted = 0;
let failed = 0;
for (const page of pages) {
  const markdown = readPage(page);
  const commands = parseTutorial(page, markdown);
  for (const c of commands) {
    const missing = missingData(c.command);
    if (missing) {
      console.error(`retroprop: ${page}:${c.line} reads ${missing}, which is not there`);
      process.exit(1);
    }
  }
  const runs = await Promise.all(
    runLimited(
      commands.map((c) => () => runTutorialCommand(c.page, c.command)),
      Math.min(4, availableParallelism()),
    ),
  );
  // A failing command keeps its page's block: the failure is reported, never written into the page.
  const outputs = runs.map((r, k) => (r.status === 0 ? normalise(r.output) : commands[k].expected));
  commands.forEach((c, k) => {
    if (runs[k].status !== 0) {
      failed++;
      console.error(`${page}:${c.line}: exit status ${runs[k].status}: ${c.command.split("\n")[0]}`);
    } else if (outputs[k] !== normalise(c.expected)) {
      drifted++;
      console.log(`${page}:${c.line}: ${update ? "updated" : "differs"}: ${c.command.split("\n")[0]}`);
      if (!update) console.log(firstDifference(normalise(c.expected), outputs[k]));
    }
  });
  if (update) {
    const next = renderTutorial(markdown, commands, outputs);
    if (next !== markdown) {
      // Written beside the page and renamed over it, so that an interrupted run leaves the page whole.
      const tmp = join(root, `${page}.tmp`);
      writeFileSync(tmp, next);
      renameSync(tmp, join(root, page));
    }
  }
}
console.log(
  `${pages.length} pages: ${drifted} block(s) ${update ? "rewritten" : "differ"}, ${failed} command(s) failed`,
);
process.exitCode = failed > 0 || (!update && drifted > 0) ? 1 : 0;

/** The first line where the page and the run part, for the console. */
function firstDifference(expected, actual) {
  const e = expected.split("\n");
  const a = actual.split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i])
      return `  line ${i + 1} of the block\n    page: ${e[i] ?? "(none)"}\n    run:  ${a[i] ?? "(none)"}`;
  }
  return "";
}
