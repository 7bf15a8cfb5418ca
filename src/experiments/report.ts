/** What `retroprop experiment` prints for a finished experiment: its summary and files, or one JSON object. */
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { type ExperimentResult, jsonReplacer } from "./common.js";

/** Inline data larger than this (grids, weight images) is left to the JSON file. */
const MAX_INLINE_DATA = 200_000;

/** The result as one JSON-ready object: name, folder, summary, files, seconds and the data when small. */
export function experimentJson(result: ExperimentResult): object {
  const data = JSON.stringify(result.data, jsonReplacer);
  return {
    experiment: result.name,
    out: result.out,
    summary: result.summary,
    figures: result.figures,
    files: result.files,
    seconds: result.seconds,
    ...(data.length <= MAX_INLINE_DATA ? { data: JSON.parse(data) } : {}),
  };
}

/** The summary, then one line per file written and the time taken. */
export function experimentText(result: ExperimentResult, M: Messages = en): string {
  const W = M.experimentReport;
  const lines = [result.summary];
  for (const f of result.figures) lines.push(W.wrote(f.png));
  lines.push(W.wroteNumbers(result.files.json, result.files.csv));
  lines.push(W.done(result.seconds.toFixed(1)));
  return `${lines.join("\n")}\n`;
}
