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

describe("every tutorial command prints what its page shows", {
  skip: backend !== "reference" && `the commands run on the reference backend; checked in the reference pass`,
}, () => {
  // All commands start together, two at a time (the CI machines have few cores), and each test awaits its own.
  const runs = runLimited(
    commands.map(
      (c) => () =>
        missingData(c.command) ? Promise.resolve(undefined) : runTutorialCommand(c.page, c.command),
    ),
    Math.min(2, availableParallelism()),
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
