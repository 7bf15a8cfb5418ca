/** Los errores de errors-data.en.ts, en español (con los términos de los apuntes). */
import type { dataErrorsEn } from "./errors-data.en.js";

export const dataErrorsEs: typeof dataErrorsEn = {};
