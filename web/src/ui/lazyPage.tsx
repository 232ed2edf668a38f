// Pages as chunks of their own, loaded before they are drawn when the address is known.
//
// A page behind React.lazy suspends on its first render, its Suspense boundary shows the spinner, and
// React 19 then holds the page back until 300 ms after that spinner appeared (its fallback throttle),
// however soon the chunk arrived. On a document load (F5, a bookmark, a link from a notice or an SMS)
// that was ≈ 250 ms of nothing before the page even asked for its data (issue 20, the workbench's
// request waterfall). So the page of the opened address is loaded alongside the session instead
// (main.tsx → preloadRoutes), and once loaded a page renders its component directly, never suspending.
// Navigations inside the app need none of this: React Router runs them as transitions, which keep the
// current page on screen until the next one's chunk is there.
import { type ComponentType, createElement, lazy, type ReactNode, useEffect, useState } from 'react';
import { matchRoutes, type RouteObject } from 'react-router';
import { FullPageSpin } from './FullPageSpin.tsx';

/** A page component; a lazy one can be loaded ahead of its first render. */
export type PageComponent = ComponentType & { preload?: () => Promise<void> };

/** What a route of the app's trees carries for preloadRoutes (RouteObject.handle). */
export type PageHandle = { preload?: () => Promise<void> };

/** The route handle of a page: its preload, if it is a lazy page. */
export function pageHandle(page: PageComponent): PageHandle {
  return { preload: page.preload };
}

/** A page loaded from its own chunk: on first render (suspending, like React.lazy) or earlier through `preload()`. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): PageComponent {
  let loaded: ComponentType | undefined;
  let loading: Promise<void> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (m) => {
        loaded = m.default;
      },
      (err: unknown) => {
        // A failed load (the network, a deploy that replaced the chunks) is tried again on next use.
        loading = undefined;
        throw err;
      },
    ));
  const Suspending = lazy(async () => {
    await preload();
    return { default: loaded as ComponentType };
  });
  // biome-ignore lint/correctness/noComponentHookFactories: a factory called once per page at module level, like React.lazy
  const Page = () => createElement(loaded ?? Suspending);
  return Object.assign(Page, { preload });
}

/** Starts loading the pages the routes would draw at `pathname`; settles when they are loaded (or failed). */
export function preloadRoutes(routes: RouteObject[], pathname: string): Promise<void> {
  const matches = matchRoutes(routes, pathname) ?? [];
  return Promise.allSettled(matches.map((m) => (m.route.handle as PageHandle | undefined)?.preload?.())).then(() => undefined);
}

/**
 * Draws `children` once `ready` settled (a spinner until then): the first page of a document load is
 * drawn after its chunk has arrived, so it does not suspend. The session is read meanwhile (the
 * SessionProvider around this starts it on mount).
 */
export function AfterPreload({ ready, children }: { ready?: Promise<unknown>; children: ReactNode }) {
  const [done, setDone] = useState(ready === undefined);
  useEffect(() => {
    let live = true;
    const open = () => {
      if (live) setDone(true);
    };
    ready?.then(open, open);
    return () => {
      live = false;
    };
  }, [ready]);
  return done ? children : <FullPageSpin />;
}
