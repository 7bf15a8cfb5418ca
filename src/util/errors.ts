/**
 * Errors caused by what a user gave us (a file, a flag, a shape). Their message is one line that names
 * what is wrong and where; the CLI prints it without a stack trace and exits non-zero.
 */
export class RetropropError extends Error {
  override name = "RetropropError";
  /**
   * Where the message lives in the catalogues (src/util/messages, namespace `errors`) and what fills it in:
   * set by `localizedError`, so that the CLI can say it in the user's language; the message is the English one.
   */
  catalogue?: { key: string; params: readonly unknown[] };
  constructor(message: string, options?: ErrorOptions) {
    // One line whatever it quotes (a CSV field or an expression holding a line break): shown as ⏎.
    super(message.replace(/\r\n|\r|\n/g, "⏎"), options);
  }
}

/** Bad input data or files: names the file and position (line, JSON path, byte offset). */
export class InputError extends RetropropError {
  override name = "InputError";
}

/** Training that cannot go on (a NaN or infinite loss): stopped before NaN reaches the weights. */
export class DivergenceError extends RetropropError {
  override name = "DivergenceError";
}
