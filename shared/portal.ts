// Enterprise portal vocabularies (issue 7), shared by server and web.

/** Who wrote a message of an appeal's thread. */
export const MESSAGE_SIDES = ['enterprise', 'staff'] as const;
export type MessageSide = (typeof MESSAGE_SIDES)[number];
export const MESSAGE_MAX_CHARS = 2000;

/** The state of a signed evaluation link (server/src/modules/portal/portal.links.ts `stateOf`). */
export const LINK_STATES = ['valid', 'used', 'superseded', 'expired', 'not_awaiting'] as const;
export type LinkState = (typeof LINK_STATES)[number];
