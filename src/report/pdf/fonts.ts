import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as fontkit from 'fontkit';
import type { TFontDictionary } from 'pdfmake/interfaces.js';

/**
 * pdfmake has no per-glyph fallback, so each text run names the font that has its glyphs.
 * Roboto (shipped with pdfmake) covers Latin, Greek and Cyrillic; Noto fonts from npm
 * packages cover the rest. pdfkit embeds only the glyphs used (subsetting).
 */
export const FONT_NAMES = [
  'Roboto',
  'NotoSansJP',
  'NotoSansSC',
  'NotoSansKR',
  'NotoSansHebrew',
  'NotoNaskhArabic',
] as const;
export type FontName = (typeof FONT_NAMES)[number];

interface FontFiles {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

const require = createRequire(import.meta.url);

function packageFolder(entry: string, ...path: string[]): string {
  return join(dirname(require.resolve(entry)), '..', path.join(sep));
}

function upright(folder: string, regular: string, bold: string): FontFiles {
  // These scripts have no italics: slanted text falls back to upright glyphs.
  const normal = join(folder, regular);
  const boldFile = join(folder, bold);
  return { normal, bold: boldFile, italics: normal, bolditalics: boldFile };
}

function fontFiles(): Record<FontName, FontFiles> {
  const roboto = packageFolder('pdfmake', 'fonts', 'Roboto');
  return {
    Roboto: {
      normal: join(roboto, 'Roboto-Regular.ttf'),
      bold: join(roboto, 'Roboto-Medium.ttf'),
      italics: join(roboto, 'Roboto-Italic.ttf'),
      bolditalics: join(roboto, 'Roboto-MediumItalic.ttf'),
    },
    NotoSansJP: upright(
      packageFolder('@embedpdf/fonts-jp', 'fonts'),
      'NotoSansJP-Regular.otf',
      'NotoSansJP-Bold.otf',
    ),
    NotoSansSC: upright(
      packageFolder('@embedpdf/fonts-sc', 'fonts'),
      'NotoSansHans-Regular.otf',
      'NotoSansHans-Bold.otf',
    ),
    NotoSansKR: upright(
      packageFolder('@embedpdf/fonts-kr', 'fonts'),
      'NotoSansKR-Regular.otf',
      'NotoSansKR-Bold.otf',
    ),
    NotoSansHebrew: upright(
      packageFolder('@embedpdf/fonts-hebrew', 'fonts'),
      'NotoSansHebrew-Regular.ttf',
      'NotoSansHebrew-Bold.ttf',
    ),
    NotoNaskhArabic: upright(
      packageFolder('@embedpdf/fonts-arabic', 'fonts'),
      'NotoNaskhArabic-Regular.ttf',
      'NotoNaskhArabic-Bold.ttf',
    ),
  };
}

export const FONT_FILES = fontFiles();

/** Every font file the document may read: the only local files pdfmake may open. */
export const ALLOWED_FONT_PATHS: ReadonlySet<string> = new Set(
  FONT_NAMES.flatMap((name) => {
    const files = FONT_FILES[name];
    return [files.normal, files.bold, files.italics, files.bolditalics];
  }),
);

export function fontDictionary(): TFontDictionary {
  // Copies: pdfmake rewrites the descriptors it is given.
  const dictionary: TFontDictionary = {};
  for (const name of FONT_NAMES) dictionary[name] = { ...FONT_FILES[name] };
  return dictionary;
}

const parsedFonts = new Map<FontName, fontkit.Font>();

function parsedFont(font: FontName): fontkit.Font {
  let parsed = parsedFonts.get(font);
  if (parsed === undefined) {
    const opened = fontkit.openSync(FONT_FILES[font].normal);
    if (!('hasGlyphForCodePoint' in opened)) throw new Error(`${font} is a font collection`);
    parsed = opened;
    parsedFonts.set(font, parsed);
  }
  return parsed;
}

/** Whether a font has a glyph for a code point; fonts are parsed on first need only. */
export function hasGlyph(font: FontName, codePoint: number): boolean {
  return parsedFont(font).hasGlyphForCodePoint(codePoint);
}

const advances = new Map<FontName, Map<number, number>>();

/** How far a character advances the pen, in ems (a missing glyph draws its box). */
export function glyphAdvance(font: FontName, codePoint: number): number {
  let known = advances.get(font);
  if (known === undefined) {
    known = new Map();
    advances.set(font, known);
  }
  let advance = known.get(codePoint);
  if (advance === undefined) {
    const parsed = parsedFont(font);
    advance = parsed.glyphForCodePoint(codePoint).advanceWidth / parsed.unitsPerEm;
    known.set(codePoint, advance);
  }
  return advance;
}

/** A line's height in ems, gap included: the most any line in this font can take. */
export function lineHeight(font: FontName): number {
  const parsed = parsedFont(font);
  return (parsed.ascent - parsed.descent + parsed.lineGap) / parsed.unitsPerEm;
}
