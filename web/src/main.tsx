import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
// Every antd component's styles, prebuilt (the theme's zeroRuntime: ui/theme.ts).
import 'antd/dist/antd.css';
import { AppRoot } from './AppRoot.tsx';
import { preloadPage } from './App.tsx';

dayjs.locale('zh-cn');

// The opened address's page starts loading now, alongside the session (ui/lazyPage.tsx).
const firstPage = preloadPage(window.location.pathname);

const container = document.getElementById('root');
if (!container) throw new Error('#root not found');
createRoot(container).render(
  <StrictMode>
    <AppRoot firstPage={firstPage} />
  </StrictMode>,
);
