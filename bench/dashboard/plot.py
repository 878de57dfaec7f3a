#!/usr/bin/python3
"""Renders the dashboard's panels (docs/grafana/parley.json) from a series of /metrics scrapes.

Usage: /usr/bin/python3 bench/dashboard/plot.py <scrape-dir> <out.png>
Each panel computes what its PromQL query asks for (rates over 5 s, histogram_quantile over the
bucket increase in 5 s), so the picture shows the same numbers a Grafana on Prometheus would.
Needs Debian's python3-matplotlib.
"""
import glob
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Label values may hold braces (route templates such as /channels/{channelId}): skip quoted text.
LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\})?\s+(\S+)')
WINDOW = 5  # seconds, the rate window


def parse(path):
    samples = {}
    for line in open(path):
        if line.startswith("#"):
            continue
        m = LINE.match(line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(3) or ""))
            samples[(m.group(1), tuple(sorted(labels.items())))] = float(m.group(4))
    return samples


def select(samples, name, **want):
    return {
        labels: v
        for (n, labels), v in samples.items()
        if n == name and all(dict(labels).get(k) == w for k, w in want.items())
    }


def total(samples, name, **want):
    return sum(select(samples, name, **want).values())


def quantile(q, before, after, name):
    """histogram_quantile(q, sum by (le) (increase(name_bucket[window])))."""
    buckets = {}
    for labels, v in select(after, name + "_bucket").items():
        le = float(dict(labels)["le"])
        buckets[le] = buckets.get(le, 0) + v - select(before, name + "_bucket").get(labels, 0)
    if not buckets:
        return None
    les = sorted(buckets)
    count = buckets[les[-1]]
    if count <= 0:
        return None
    rank = q * count
    prev_le, prev_c = 0.0, 0.0
    for le in les:
        c = buckets[le]
        if c >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * (rank - prev_c) / max(c - prev_c, 1e-9)
        prev_le, prev_c = le, c
    return prev_le


def main():
    files = sorted(glob.glob(os.path.join(sys.argv[1], "*.prom")))
    scrapes = [(int(os.path.basename(f).split(".")[0]) / 1000.0, parse(f)) for f in files]
    t0 = scrapes[0][0]
    panels = {}

    def put(panel, series, t, v):
        if v is not None:
            panels.setdefault(panel, {}).setdefault(series, ([], []))
            panels[panel][series][0].append(t - t0)
            panels[panel][series][1].append(v)

    for i, (t, now) in enumerate(scrapes):
        for labels, v in select(now, "parley_sockets_open").items():
            put("Open sockets", dict(labels).get("surface", "?"), t, v)
        put("DB pool connections", "active", t, total(now, "hikaricp_connections_active"))
        put("DB pool connections", "pending", t, total(now, "hikaricp_connections_pending"))
        j = i
        while j > 0 and t - scrapes[j - 1][0] <= WINDOW:
            j -= 1
        if j == i:
            continue
        t_before, before = scrapes[j]
        dt = t - t_before

        def rate(name, **want):
            return (total(now, name, **want) - total(before, name, **want)) / dt

        put("Messages per second", "acked", t, rate("parley_messages_acked_total"))
        put("Messages per second", "refused", t, rate("parley_messages_refused_total"))
        put("Frames out per second", "all", t, rate("parley_socket_frames_out_total"))
        put("HTTP requests per second", "all", t, rate("http_server_requests_seconds_count"))
        for q, label in ((0.5, "p50"), (0.99, "p99")):
            v = quantile(q, before, now, "parley_messages_ack_latency_seconds")
            put("Ack latency (ms)", label, t, v * 1000 if v is not None else None)
            v = quantile(q, before, now, "parley_fanout_latency_seconds")
            put("Fan-out latency (ms)", label, t, v * 1000 if v is not None else None)
        v = quantile(0.99, before, now, "parley_socket_queue_bytes")
        put("Socket queue bytes, p99", "p99", t, v)
        put("Refusals per second", "rate limited", t, rate("parley_rate_limited_total"))
        put("Refusals per second", "auth throttled", t, rate("parley_auth_throttled_total"))
        put("Refusals per second", "sends refused", t, rate("parley_messages_refused_total"))

    order = [
        "Open sockets",
        "Messages per second",
        "Ack latency (ms)",
        "Fan-out latency (ms)",
        "Frames out per second",
        "Socket queue bytes, p99",
        "Refusals per second",
        "DB pool connections",
        "HTTP requests per second",
    ]
    fig, axes = plt.subplots(3, 3, figsize=(15, 9.5))
    fig.patch.set_facecolor("#111217")
    for ax, title in zip(axes.flat, order):
        ax.set_facecolor("#181b1f")
        ax.set_title(title, color="#d8d9da", fontsize=11, loc="left")
        ax.tick_params(colors="#8e8e8e", labelsize=8)
        ax.grid(color="#2c3235")
        for spine in ax.spines.values():
            spine.set_color("#2c3235")
        for series, (xs, ys) in sorted(panels.get(title, {}).items()):
            ax.plot(xs, ys, label=series, linewidth=1.4)
        if panels.get(title):
            ax.legend(fontsize=8, facecolor="#181b1f", labelcolor="#d8d9da", edgecolor="#2c3235")
        ax.set_xlabel("seconds", color="#8e8e8e", fontsize=8)
    fig.suptitle(
        "Parley (docs/grafana/parley.json panels) from /metrics scrapes of a benchmark run",
        color="#d8d9da",
    )
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=80, facecolor=fig.get_facecolor())


if __name__ == "__main__":
    main()
