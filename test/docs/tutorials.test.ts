/**
 * The tutorials cannot drift: every `$ retroprop …` command of docs/tutorials/{es,en}/*.md runs (repository
 * root, the built CLI, datasets from ../shared/datasets) and its output must equal the page's ```text block,
 * after trailing spaces are dropped and run times masked (tutorial-pages.ts). The test never rewrites a
 * page; `npm run docs:tutorials -- --update` does, from real runs.
 *
 * The commands run on the reference backend whatever the pass (their numbers must not depend on it), so
 * they are run once, in the reference pass, and the wasm and BLAS passes skip them, saying so.
 */
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, test } from "node:test";
import {
  missingData,
  normalise,
  parseTutorial,
  readPage,
  renderTutorial,
  runLimited,
  runTutorialCommand,
  type TutorialCommand,
  tutorialPages,
} from "./tutorial-pages.js";

const backend = process.env.RETROPROP_BACKEND ?? "reference";
const pages = tutorialPages();
const commands: TutorialCommand[] = pages.flatMap((p) => parseTutorial(p, readPage(p)));

test("there is one tutorial per note in each language, each with commands", () => {
  for (const lang of ["es", "en"]) {
    const ofLang = pages.filter((p) => p.startsWith(`docs/tutorials/${lang}/`));
    assert.deepEqual(
      ofLang.map((p) => p.split("/").pop()!.slice(0, 3)),
      ["000", "001", "002", "003", "004"],
      `${lang}: one page per note 000–004`,
    );
    for (const p of ofLang)
      assert.ok(
        commands.some((c) => c.page === p),
        `${p} has no \`$ retroprop\` command`,
      );
  }
});

test("the page convention: one command per block, a text block after it, run times masked", () => {
  const page = "docs/tutorials/en/x.md";
  const md = [
    "# t",
    "```sh",
    "$ retroprop train \\",
    "    --epochs 2",
    "```",
    "",
    "```text",
    "old",
    "```",
    "",
  ].join("\n");
  const [c] = parseTutorial(page, md);
  assert.equal(c.command, "retroprop train \\\n    --epochs 2");
  assert.equal(c.line, 3);
  assert.equal(c.expected, "old");
  assert.equal(renderTutorial(md, [c], ["new 1\nnew 2"]), md.replace("old", "new 1\nnew 2"));
  assert.throws(() => parseTutorial(page, "```sh\n$ retroprop graph x\n```\nprose\n"), /x\.md:2: .*```text/);
  assert.throws(
    () => parseTutorial(page, "```sh\n$ retroprop a\n$ retroprop b\n```\n"),
    /x\.md:2: .*found 2/,
  );
  // Durations are masked; other numbers, and numbers before words that start with s, are not.
  assert.equal(
    normalise("epoch 1/3  loss 0.2571  acc 0.6450  1.48s  \ndone in 9.9 s\n12 ms, 4 steps, 0.5000\n\n"),
    "epoch 1/3  loss 0.2571  acc 0.6450  …s\ndone in … s\n… ms, 4 steps, 0.5000",
  );
});

describe("every tutorial command prints what its page shows", {
  skip: backend !== "reference" && `the commands run on the reference backend; checked in the reference pass`,
}, () => {
  // The commands run up to four at a time (most cost a Node start-up, not arithmetic); each test awaits its own.
  const runs = runLimited(
    commands.map(
      (c) => () =>
        missingData(c.command) ? Promise.resolve(undefined) : runTutorialCommand(c.page, c.command),
    ),
    Math.min(4, availableParallelism()),
  );
  commands.forEach((c, k) => {
    const missing = missingData(c.command);
    test(`${c.page}:${c.line}: ${c.command.split("\n")[0]}`, {
      skip: missing && `no ${missing} beside the repository`,
    }, async () => {
      const run = (await runs[k])!;
      assert.equal(run.status, 0, `exit status ${run.status}; output:\n${run.output}`);
      assert.equal(
        normalise(run.output),
        normalise(c.expected),
        `${c.page}:${c.line} shows another output; if the change is intended, run npm run docs:tutorials -- --update`,
      );
    });
  });
});
