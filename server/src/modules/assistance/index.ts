// The assistance module's public surface (capability 8): nothing yet is used by other code; its
// routes serve the intake and portal suggestion panels.
export {};
