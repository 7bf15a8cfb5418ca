/**
 * The one typeface every figure uses: DejaVu Sans, shipped with the `dejavu-fonts-ttf` package so that
 * layout (Vega measures text with these metrics) and pixels (resvg draws with these files) are the
 * same on every machine, whatever fonts it has installed. (Names only, apart from font.ts's file reading,
 * so that Graphviz pictures can name the font in a browser too.)
 */
export const FONT_FAMILY = "DejaVu Sans";

/** The CSS font-family written into SVGs: DejaVu first, then look-alikes for browsers without it. */
export const FONT_STACK = "DejaVu Sans, Verdana, Bitstream Vera Sans, sans-serif";
