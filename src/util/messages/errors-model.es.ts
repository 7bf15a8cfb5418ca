/** Los errores de errors-model.en.ts, en español (con los términos de los apuntes). */
import type { modelErrorsEn } from "./errors-model.en.js";

export const modelErrorsEs: typeof modelErrorsEn = {};
