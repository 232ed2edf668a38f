// The home module's public surface: nothing other code needs yet (its only consumer is its route).
export {};
