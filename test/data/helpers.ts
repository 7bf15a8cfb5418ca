import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A fresh temporary folder; removed by the returned cleanup. */
export function tempDir(prefix = "retroprop-data-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** IDX bytes written by hand (independent of src/data): 0, 0, 0x08, ndims, big-endian dims, data. */
export function idxBytes(dims: number[], data: ArrayLike<number>, magicType = 0x08): Buffer {
  const head = [0, 0, magicType, dims.length];
  for (const d of dims) head.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return Buffer.from([...head, ...Array.from(data)]);
}

/** ../shared/datasets seen from the repository root (dist/test/data/*.js is three levels below it). */
export const sharedDatasets = fileURLToPath(new URL("../../../../shared/datasets/", import.meta.url));

/** A writer of files into `dir`, returning each file's path. */
export function fileWriter(dir: string): (name: string, content: string | Uint8Array) => string {
  return (name, content) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
}
