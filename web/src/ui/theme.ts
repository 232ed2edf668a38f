import type { ThemeConfig } from 'antd';

export const PRIMARY = '#1f4e9c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    borderRadius: 4,
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: { headerHeight: 56, headerBg: PRIMARY, siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e8eef8', itemSelectedColor: PRIMARY },
    Table: { headerBg: '#f5f7fa' },
  },
};

/** The enterprise portal's own colours: a teal accent on a light page (the staff console is dark blue). */
export const PORTAL_ACCENT = '#0f7b6c';
export const PORTAL_BG = 'linear-gradient(180deg, #e6f4f1 0%, #f5f8fb 45%, #ffffff 100%)';

/** Applied over `theme` inside the portal shell and the portal's public pages. */
export const portalTheme: ThemeConfig = {
  token: { colorPrimary: PORTAL_ACCENT, colorLink: PORTAL_ACCENT, colorBgLayout: '#f3f6f8' },
};
