-- Issue 16: appeal_figures_monthly starts as the sums of the daily buckets already built, so tenants
-- whose roll-up exists read correct monthly figures before the next run (which keeps both from then on).
INSERT INTO appeal_figures_monthly (tenant_id, month, unit_id, received, closed, answered_on_spot, contact_on_time, contact_due,
  opinion_on_time, opinion_due, resolution_on_time, resolution_due, solved, resolved, satisfied, evaluated, computed_at)
SELECT tenant_id, date_trunc('month', day::timestamp)::date, unit_id, sum(received)::int, sum(closed)::int, sum(answered_on_spot)::int,
  sum(contact_on_time)::int, sum(contact_due)::int, sum(opinion_on_time)::int, sum(opinion_due)::int, sum(resolution_on_time)::int,
  sum(resolution_due)::int, sum(solved)::int, sum(resolved)::int, sum(satisfied)::int, sum(evaluated)::int, max(computed_at)
FROM appeal_figures_daily
GROUP BY tenant_id, date_trunc('month', day::timestamp)::date, unit_id;
