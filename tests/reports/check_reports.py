#!/usr/bin/env python3
"""Recomputes the station's reports from its case export, with Python's standard library only,
and compares them with the reports the station wrote (docs/reports.md has the definitions).

Usage: check_reports.py DIR
DIR holds cases.csv (`station report cases`) and any of fpy-BY.csv and pareto-BY.csv
(`station report fpy|pareto --by BY --format csv`, BY one of all, model, category, route,
technician, week). Exits 0 and prints "N reports agree" when every report matches; otherwise
prints each difference and exits 1.
"""
import csv
import datetime
import os
import sys


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def week_of(ms):
    """The Monday (UTC) of the week a time falls in, as YYYY-MM-DD."""
    day = datetime.datetime.fromtimestamp(int(ms) / 1000, tz=datetime.timezone.utc).date()
    return (day - datetime.timedelta(days=day.weekday())).isoformat()


def group_of(case, by, when_column):
    if by == "all":
        return "all"
    if by == "week":
        return week_of(case[when_column])
    if by == "technician":
        return case["technician"]
    return case[by]


def share(part, whole):
    return "" if whole == 0 else "%.4f" % (part / whole)


def fpy(cases, by):
    groups = {}
    for case in cases:
        if case["first_qa"] not in ("passed", "failed"):
            continue
        reached, passed = groups.get(group_of(case, by, "first_qa_ms"), (0, 0))
        groups[group_of(case, by, "first_qa_ms")] = (
            reached + 1, passed + (case["first_qa"] == "passed"))
    return [[group, str(reached), str(passed), share(passed, reached)]
            for group, (reached, passed) in sorted(groups.items())]


def pareto(cases, by):
    groups = {}
    for case in cases:
        if not case["finding"]:
            continue
        counts = groups.setdefault(group_of(case, by, "diagnosed_ms"), {})
        counts[case["finding"]] = counts.get(case["finding"], 0) + 1
    rows = []
    for group in sorted(groups):
        counts = groups[group]
        total = sum(counts.values())
        running = 0
        for finding, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            running += count
            rows.append([group, finding, str(count), share(count, total), share(running, total)])
    return rows


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    folder = sys.argv[1]
    cases = [dict(zip(read_csv(os.path.join(folder, "cases.csv"))[0], row))
             for row in read_csv(os.path.join(folder, "cases.csv"))[1:]]
    recompute = {"fpy": fpy, "pareto": pareto}
    checked, differences = 0, []
    for name in sorted(os.listdir(folder)):
        report, _, rest = name.partition("-")
        if report not in recompute or not rest.endswith(".csv"):
            continue
        by = rest[:-len(".csv")]
        ours = read_csv(os.path.join(folder, name))[1:]
        expected = recompute[report](cases, by)
        checked += 1
        if ours != expected:
            differences.append("%s: the station wrote %s, the cases give %s" % (name, ours, expected))
    for difference in differences:
        print(difference)
    if differences:
        return 1
    print("%d reports agree" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
