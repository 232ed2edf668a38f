// Charts of the reports (issue 16): ECharts in its server-side (SSR) mode renders the same options as
// the dashboard to SVG; labels become glyph outlines (reports.fonts.ts); resvg rasterizes the SVG to a
// PNG at 1.5× the size (≈ 180 dpi at the printed width), which the .docx embeds (Word, WPS and LibreOffice all show PNG; SVG in .docx
// needs a PNG fallback anyway). Loaded lazily: the app starts without echarts/resvg/HarfBuzz in memory.
import type { EChartsOption } from 'echarts';
import { cjkFont, fontOf, textToPaths, type CjkFont } from './reports.fonts.ts';

export type RenderedChart = { svg: string; png: Buffer; width: number; height: number };

let ready: Promise<{ echarts: typeof import('echarts'); Resvg: typeof import('@resvg/resvg-js').Resvg; font: CjkFont | null }> | undefined;

function load() {
  ready ??= (async () => {
    const [echarts, resvg, font] = await Promise.all([import('echarts'), import('@resvg/resvg-js'), cjkFont()]);
    if (font) {
      // ECharts lays labels out by their measured width: measure with the font the labels are drawn in.
      echarts.setPlatformAPI({
        measureText(text: string, spec?: string) {
          const { size, bold } = fontOf(spec ?? '12px');
          return { width: (bold ? font.bold : font.regular).measure(text, size) };
        },
      });
    }
    return { echarts, Resvg: resvg.Resvg, font };
  })();
  return ready;
}

/** SVG (text as outlines when a CJK font is present) and a PNG at `scale`× of one chart. */
export async function renderChart(option: EChartsOption, size: { width: number; height: number }, scale = 1.5): Promise<RenderedChart> {
  const { echarts, Resvg, font } = await load();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: font?.family ?? 'sans-serif' }, ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  if (font) svg = textToPaths(svg, font);
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(size.width * scale) },
    font: font ? { loadSystemFonts: false } : { loadSystemFonts: true, defaultFontFamily: 'sans-serif' },
  })
    .render()
    .asPng();
  return { svg, png: Buffer.from(png), width: size.width, height: size.height };
}
