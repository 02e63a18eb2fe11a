#!/usr/bin/env python3
"""Difference of two Prometheus scrapes of ringbot's /metrics: counters and histogram quantiles.

usage: metrics_delta.py BEFORE AFTER [--json OUT]
Quantiles come from the bucket counts' differences: the bucket that holds the quantile is named by its
bounds, and a value is interpolated linearly inside it (the buckets are coarse: 10us..10s, about 2.5x apart).
"""
import json
import re
import sys

LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')


def parse(path):
    values = {}
    with open(path) as f:
        for line in f:
            if line.startswith('#'):
                continue
            m = LINE.match(line.strip())
            if m:
                try:
                    values[(m.group(1), m.group(2) or '')] = float(m.group(3))
                except ValueError:
                    pass
    return values


def counter(before, after, name):
    total = 0.0
    found = False
    for (n, labels), v in after.items():
        if n == name:
            found = True
            total += v - before.get((n, labels), 0.0)
    return total if found else None


def buckets(values, name):
    out = []
    for (n, labels), v in values.items():
        if n == name + '_bucket':
            m = re.search(r'le="([^"]+)"', labels)
            le = float('inf') if m.group(1) in ('+Inf', 'Inf') else float(m.group(1))
            out.append((le, v))
    return sorted(out)


def quantiles(before, after, name, qs=(0.5, 0.9, 0.99, 0.999)):
    b = dict(buckets(before, name))
    a = buckets(after, name)
    if not a:
        return None
    delta = [(le, v - b.get(le, 0.0)) for le, v in a]  # cumulative counts
    total = delta[-1][1]
    res = {'count': total}
    if total <= 0:
        return res
    for q in qs:
        target = q * total
        lo_bound, lo_count = 0.0, 0.0
        for le, cum in delta:
            if cum >= target:
                if le == float('inf'):
                    res['p%g' % (q * 100)] = {'bucket': '> %g s' % lo_bound, 'value_s': None}
                else:
                    frac = (target - lo_count) / (cum - lo_count) if cum > lo_count else 1.0
                    res['p%g' % (q * 100)] = {'bucket': '(%g, %g] s' % (lo_bound, le),
                                              'value_s': lo_bound + frac * (le - lo_bound)}
                break
            lo_bound, lo_count = le, cum
    return res


def main():
    before, after = parse(sys.argv[1]), parse(sys.argv[2])
    out = {}
    for c in ('ringbot_updates_handled_total', 'ringbot_journal_writes_total', 'ringbot_journal_commits_total',
              'ringbot_duplicate_updates_total', 'ringbot_handler_errors_total', 'ringbot_webhook_ring_full_total',
              'ringbot_store_full_total', 'ringbot_users_created_total', 'ringbot_chats_created_total',
              'ringbot_loader_reads_total', 'ringbot_loader_failed_total', 'ringbot_parked_updates_total',
              'ringbot_park_full_total', 'ringbot_journal_commits_failed_total',
              'ringbot_journal_changelog_overflows_total', 'ringbot_journal_snapshots_busy_total'):
        v = counter(before, after, c)
        if v is not None:
            out[c] = v
    u = out.get('ringbot_updates_handled_total') or 0
    w = out.get('ringbot_journal_writes_total')
    if u and w is not None:
        out['journal_writes_per_update'] = w / u
    for h in ('ringbot_engine_latency_seconds', 'ringbot_webhook_latency_seconds',
              'ringbot_journal_commit_latency_seconds', 'ringbot_journal_lag_latency_seconds',
              'ringbot_journal_lag_seconds'):
        q = quantiles(before, after, h)
        if q is not None:
            out[h] = q
    text = json.dumps(out, indent=1)
    if '--json' in sys.argv:
        with open(sys.argv[sys.argv.index('--json') + 1], 'w') as f:
            f.write(text + '\n')
    print(text)


if __name__ == '__main__':
    main()
