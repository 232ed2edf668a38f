import type { ThemeConfig } from 'antd';

export const PRIMARY = '#1f4e9c';

/**
 * Text colours that meet WCAG 2.x AA contrast (GB/T 37668-2019; ≥ 4.5:1, checked by axe-core in the
 * browser tests, issue 17). antd's defaults for secondary text, descriptions and placeholders
 * (rgba(0,0,0,.45) and .25) give 3.4:1 and 1.8:1 on white; 0.58 black gives 5.3:1 on white and
 * ≥ 5.1:1 on the page greys (#f0f2f5, #f3f6f8, #f5f7fa) and the light tints behind tags and rows.
 */
export const TEXT_MUTED = 'rgba(0, 0, 0, 0.58)';
/** Red for errors, overdue and danger actions: antd's red-7 (5.6:1 on white; the default #ff4d4f gives 3.3:1). */
export const ERROR = '#cf1322';
/** Text of green and amber status (Typography success/warning, status tags): green-8 and orange-8 (≥ 5:1). */
export const SUCCESS_TEXT = '#237804';
export const WARNING_TEXT = '#ad4e00';

/**
 * The user asked the system for less motion (prefers-reduced-motion; WCAG 2.3.3): antd's transitions
 * (dialogs, dropdowns, messages, button waves) and ECharts' animations are off. Read once at start.
 * The browser tests ask for it too: no frames are painted for animations, and nothing is clicked halfway
 * through one.
 */
export const REDUCED_MOTION = typeof window !== 'undefined' && Boolean(window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);

export const theme: ThemeConfig = {
  // antd's component styles come from its prebuilt stylesheet (antd/dist/antd.css, imported by main.tsx)
  // instead of being generated in the browser on every page load; the tokens below still apply, as the
  // CSS variables that stylesheet reads (antd 6 writes them at run time). Measured on the home page with
  // headless Chromium: 350–400 ms of renderer CPU per document load instead of 660–730 ms (docs/SCALING.md §6).
  zeroRuntime: true,
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    borderRadius: 4,
    colorBgLayout: '#f0f2f5',
    colorTextTertiary: TEXT_MUTED,
    colorTextDescription: TEXT_MUTED,
    colorTextPlaceholder: TEXT_MUTED,
    colorError: ERROR,
    colorSuccessText: SUCCESS_TEXT,
    colorWarningText: WARNING_TEXT,
    motion: !REDUCED_MOTION,
  },
  components: {
    Layout: { headerHeight: 56, headerBg: PRIMARY, siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e8eef8', itemSelectedColor: PRIMARY },
    // The empty-table text is drawn in the disabled grey; it is content, so it gets the muted text colour
    // (the empty List's text: web/index.html).
    Table: { headerBg: '#f5f7fa', colorTextDisabled: TEXT_MUTED },
    // An unchecked switch with a text inside (默认/自定义) is white on the quaternary grey (1.8:1).
    Switch: { colorTextQuaternary: 'rgba(0, 0, 0, 0.55)', colorTextTertiary: 'rgba(0, 0, 0, 0.65)' },
    // Tag text on its light tint: the 7th shade of the palette is 2.8–3.4:1 for these hues, so the
    // 8th (gold and lime: 9th) is used; status tags take the same darker green/amber/blue.
    Tag: {
      colorSuccess: SUCCESS_TEXT,
      colorWarning: WARNING_TEXT,
      colorInfo: '#0958d9',
      cyan7: '#006d75',
      green7: '#237804',
      orange7: '#ad4e00',
      gold7: '#874d00',
      volcano7: '#ad2102',
      lime7: '#3f6600',
      yellow7: '#876800',
    },
  },
};

/** The enterprise portal's own colours: a teal accent on a light page (the staff console is dark blue). */
export const PORTAL_ACCENT = '#0f7b6c';
export const PORTAL_BG = 'linear-gradient(180deg, #e6f4f1 0%, #f5f8fb 45%, #ffffff 100%)';

/** Applied over `theme` inside the portal shell and the portal's public pages. */
export const portalTheme: ThemeConfig = {
  token: { colorPrimary: PORTAL_ACCENT, colorLink: PORTAL_ACCENT, colorBgLayout: '#f3f6f8' },
};
