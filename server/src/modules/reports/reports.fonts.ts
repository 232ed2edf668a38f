// Chinese text in server-rendered charts (issue 16, reports). ECharts' SVG output keeps labels as
// <text>; rasterizing those with a CJK font through resvg costs ≈ 35 ms per label (it parses the
// 20 MB font for every text run), i.e. seconds per report. Instead the labels are turned into glyph
// outlines here with HarfBuzz (shaping once per string, outlines cached per glyph), so the SVG holds
// only paths: resvg then needs no font at all and draws a chart in a few tens of ms, and the picture
// is the same in Word, WPS and LibreOffice. The same font measures text for ECharts' layout.
//
// The font is the system's Noto Sans CJK SC (Debian/Ubuntu: fonts-noto-cjk; the CI installs it).
// Without a CJK font, `cjkFont()` answers null and the charts keep their <text> for resvg's own
// font lookup (slower, and the glyphs are whatever the system has).
import fs from 'node:fs';

type Hb = typeof import('harfbuzzjs');

const CANDIDATES = [
  // [regular, bold] — collections (.ttc) hold several faces: the SC one is picked by name.
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc'],
  ['/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf', '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf'],
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'],
] as const;

export type Face = {
  /** Advance width of `text` at `size` px. */
  measure(text: string, size: number): number;
  /** `<path>`s of `text` with its pen at (0, baseline 0), at `size` px (y down, like SVG). */
  outline(text: string, size: number): { d: string; width: number };
  /** Distance from the alphabetic baseline up to the middle of the em box (SVG dominant-baseline "central"), in em. */
  centralEm: number;
};

export type CjkFont = { family: string; regular: Face; bold: Face };

let loading: Promise<CjkFont | null> | undefined;

/** The CJK font, loaded once per process (null when the system has none). */
export function cjkFont(): Promise<CjkFont | null> {
  loading ??= load();
  return loading;
}

async function load(): Promise<CjkFont | null> {
  const pair = CANDIDATES.find(([r]) => fs.existsSync(r));
  if (!pair) return null;
  const hb = await import('harfbuzzjs');
  const regular = openFace(hb, pair[0]);
  const bold = fs.existsSync(pair[1]) && pair[1] !== pair[0] ? openFace(hb, pair[1]) : regular;
  return regular ? { family: 'Noto Sans CJK SC', regular, bold: bold ?? regular } : null;
}

function openFace(hb: Hb, file: string): Face | null {
  const blob = new hb.Blob(fs.readFileSync(file));
  // In a collection, the Simplified Chinese face (its glyph forms are the ones used in mainland China).
  let index = 0;
  for (let i = 0; i < 16; i++) {
    let name = '';
    try {
      name = new hb.Face(blob, i).getName(1, 'en');
    } catch {
      break;
    }
    if (!name) break;
    if (/CJK SC$/.test(name) && !/Mono/.test(name)) {
      index = i;
      break;
    }
  }
  const face = new hb.Face(blob, index);
  const font = new hb.Font(face);
  const upem = face.upem;
  const os2 = face.referenceTable('OS/2');
  // sTypoAscender / sTypoDescender (int16 at 68 / 70): the ideographic em box of CJK fonts.
  const dv = os2 && os2.length >= 72 ? new DataView(os2.buffer, os2.byteOffset, os2.byteLength) : null;
  const asc = dv ? dv.getInt16(68) : font.hExtents().ascender;
  const desc = dv ? dv.getInt16(70) : font.hExtents().descender;
  const glyphs = new Map<number, string>();
  const widths = new Map<string, number>();
  const shape = (text: string) => {
    const buf = new hb.Buffer();
    buf.addText(text);
    buf.guessSegmentProperties();
    hb.shape(font, buf);
    return { infos: buf.getGlyphInfos(), positions: buf.getGlyphPositions() };
  };
  return {
    centralEm: (asc + desc) / 2 / upem,
    measure(text, size) {
      let w = widths.get(text);
      if (w === undefined) {
        w = shape(text).positions.reduce((s, p) => s + p.xAdvance, 0);
        if (widths.size < 20_000) widths.set(text, w);
      }
      return (w * size) / upem;
    },
    outline(text, size) {
      const { infos, positions } = shape(text);
      const k = size / upem;
      let pen = 0;
      let d = '';
      infos.forEach((g, i) => {
        const p = positions[i];
        let path = glyphs.get(g.codepoint);
        if (path === undefined) {
          path = font.glyphToPath(g.codepoint);
          glyphs.set(g.codepoint, path);
        }
        if (path) d += `<path transform="translate(${r2((pen + p.xOffset) * k)} ${r2(-p.yOffset * k)}) scale(${r5(k)} ${r5(-k)})" d="${path}"/>`;
        pen += p.xAdvance;
      });
      return { d, width: pen * k };
    },
  };
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const r5 = (n: number) => Math.round(n * 100000) / 100000;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#39|#x?[0-9a-fA-F]+);/g, (m) => {
    if (ENTITIES[m]) return ENTITIES[m];
    const num = m.startsWith('&#x') ? Number.parseInt(m.slice(3, -1), 16) : Number.parseInt(m.slice(2, -1), 10);
    return Number.isFinite(num) ? String.fromCodePoint(num) : m;
  });

/** Font size (px) and weight of an ECharts/zrender font shorthand ("bold 14px sans-serif") or style attribute. */
export function fontOf(spec: string): { size: number; bold: boolean } {
  const size = /(?:font-size:\s*)?(\d+(?:\.\d+)?)px/.exec(spec);
  return { size: size ? Number(size[1]) : 12, bold: /bold|[6-9]00/.test(spec) };
}

/**
 * Replaces every <text> of a zrender SVG (dominant-baseline "central", text-anchor start/middle/end,
 * x/y offsets inside a transform, fill/opacity/stroke attributes) with the outlines of its glyphs.
 */
export function textToPaths(svg: string, font: CjkFont): string {
  return svg.replace(/<text\b([^>]*)>([\s\S]*?)<\/text>/g, (_m, attrs: string, body: string) => {
    const a: Record<string, string> = {};
    for (const [, k, v] of attrs.matchAll(/([\w:-]+)="([^"]*)"/g)) a[k] = v;
    const text = unescapeXml(body.replace(/<[^>]+>/g, ''));
    if (!text.trim()) return '';
    const { size, bold } = fontOf(a.style ?? '');
    const face = bold ? font.bold : font.regular;
    const { d, width } = face.outline(text, size);
    const anchor = a['text-anchor'] ?? 'start';
    const dx = anchor === 'middle' ? -width / 2 : anchor === 'end' ? -width : 0;
    // "central": the given y is the middle of the em box; the glyphs sit on the alphabetic baseline below it.
    const baseline = a['dominant-baseline'] === 'central' || a['dominant-baseline'] === 'middle' ? face.centralEm * size : 0;
    const x = Number(a.x ?? 0) + dx;
    const y = Number(a.y ?? 0) + baseline;
    const keep = ['fill', 'fill-opacity', 'opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'paint-order', 'stroke-linejoin']
      .filter((k) => a[k] !== undefined)
      .map((k) => ` ${k}="${a[k]}"`)
      .join('');
    const style = /paint-order:[^;]*/.exec(a.style ?? '')?.[0];
    const transform = `${a.transform ? `${a.transform} ` : ''}translate(${r2(x)} ${r2(y)})`;
    return `<g transform="${transform}"${keep}${a.fill ? '' : ' fill="#000"'}${style ? ` style="${style}"` : ''}>${d}</g>`;
  });
}
