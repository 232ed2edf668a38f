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
