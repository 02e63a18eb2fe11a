#!/usr/bin/env python3
"""Per-second latency percentiles from ringbot's /stats.json samples (exact HdrHistogram figures of each
second, in microseconds): for each stage, the median and the worst second's p50/p99/p99.9 over the seconds
that recorded anything. usage: stats_summary.py stats.json"""
import json
import statistics
import sys

d = json.load(open(sys.argv[1]))
out = {}
for stage in ('engine', 'webhook', 'journal_commit', 'journal_lag'):
    rows = [s['latency'][stage] for s in d['samples'] if stage in s.get('latency', {}) and s['latency'][stage]['count'] > 0]
    if not rows:
        continue
    out[stage] = {'seconds': len(rows)}
    for p in ('p50', 'p99', 'p999', 'max'):
        vals = [r[p] / 1000.0 for r in rows]
        out[stage][p + '_ms'] = {'median_second': round(statistics.median(vals), 3), 'worst_second': round(max(vals), 3)}
print(json.dumps(out, indent=1))
