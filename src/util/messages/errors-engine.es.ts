/** Los errores de errors-engine.en.ts, en español (con los términos de los apuntes). */
import type { engineErrorsEn } from "./errors-engine.en.js";

export const engineErrorsEs: typeof engineErrorsEn = {};
