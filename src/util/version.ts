/** retroprop's version, in one place: `--version` prints it and checkpoints record it (package.json's, checked by a test). */
export const VERSION = "0.2.0";
