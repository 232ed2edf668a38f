// How instants leave the API: ISO 8601 in UTC (the web shows them in Asia/Shanghai).

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
