import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
// Every antd component's styles, prebuilt (the theme's zeroRuntime: ui/theme.ts).
import 'antd/dist/antd.css';
import { AppRoot } from './AppRoot.tsx';

dayjs.locale('zh-cn');

const container = document.getElementById('root');
if (!container) throw new Error('#root not found');
createRoot(container).render(
  <StrictMode>
    <AppRoot />
  </StrictMode>,
);
