#!/usr/bin/env python3
"""Runs a command in its own session and reports its wall time and the peak of the summed
resident memory of every process in that session (the whole process tree: workers, filters),
sampled every 20 ms from /proc. Usage: treepeak.py LABEL CMD [ARGS...]; prints one TSV line
LABEL <tab> wall_s <tab> peak_tree_MB <tab> exit_code <tab> peak_largest_process_MB to stdout (the command's own output goes
to stderr)."""
import os, subprocess, sys, time

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(sid):
    total = 0
    largest = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[3]) != sid:  # session id
                continue
            with open(f"/proc/{pid}/statm") as f:
                rss = int(f.read().split()[1]) * PAGE
                total += rss
                largest = max(largest, rss)
        except (OSError, IndexError, ValueError):
            pass
    return total, largest


def main():
    label, cmd = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    p = subprocess.Popen(cmd, start_new_session=True, stdout=sys.stderr, stderr=sys.stderr)
    peak = single = 0
    while p.poll() is None:
        total, largest = tree_rss(p.pid)
        peak = max(peak, total)
        single = max(single, largest)
        time.sleep(0.02)
    wall = time.monotonic() - start
    print(f"{label}\t{wall:.2f}\t{peak / 1e6:.0f}\t{p.returncode}\t{single / 1e6:.0f}", flush=True)


main()
