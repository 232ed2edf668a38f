import { BrowserRouter } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Locale } from 'antd/es/locale/index.js';
import { SessionProvider } from './auth/SessionProvider.tsx';
import { App } from './App.tsx';
import { AfterPreload } from './ui/lazyPage.tsx';
import { theme } from './ui/theme.ts';

// antd's locale files are typed as CommonJS under `nodenext`; at runtime (bundled ESM) the
// default import is the locale object itself.
const zhCN: Locale = 'default' in zhCNModule ? (zhCNModule.default as Locale) : (zhCNModule as unknown as Locale);

/**
 * Providers: antd theme + locale, antd App (message/modal context), router, session. `firstPage`: the
 * opened address's page loading (main.tsx); the app is drawn once it has, the session read meanwhile.
 */
export function AppRoot({ firstPage }: { firstPage?: Promise<unknown> }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <AfterPreload ready={firstPage}>
              <App />
            </AfterPreload>
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
