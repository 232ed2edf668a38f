// The assessment module's public surface (R8.1): nothing yet — it only answers its route. (The
// dashboard's 年度考核 panel can be wired here later.)
export {};
