// A wide antd Table's sideways scroll area that keyboard users can reach (WCAG 2.1.1; axe
// scrollable-region-focusable, issue 17): a table wider than the page scrolls inside
// .ant-table-content, and when no row holds a link or button (an empty list, a table of figures) the
// keyboard could not scroll it. antd gives no prop for that element, so it is made a focusable,
// named region here, after every render (antd may replace the element).
import { type ReactNode, useLayoutEffect, useRef } from 'react';

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    for (const el of ref.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ?? []) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    }
  });
  return <div ref={ref}>{children}</div>;
}
