/** Los errores de errors-figures.en.ts, en español (con los términos de los apuntes). */
import type { figureErrorsEn } from "./errors-figures.en.js";

export const figureErrorsEs: typeof figureErrorsEn = {};
