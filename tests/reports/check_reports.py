#!/usr/bin/env python3
"""Recomputes the station's reports from its case exports, with Python's standard library only,
and compares them with the reports the station wrote (docs/reports.md has the definitions).

Usage: check_reports.py DIR [--now UTC_MS]
DIR holds cases.csv (`station report cases`), optionally history.csv (`station report history`)
and policy.toml (the policy in force), and reports named REPORT-BY.csv (`station report REPORT
--by BY --format csv`; BY is `all` for the reports without groups). The turnaround, deadline,
repeat, people and cost reports need history.csv and policy.toml; the deadline reports need
--now, the time the station counted "today" from. Exits 0 and prints "N reports agree" when every
report matches; otherwise prints each difference and exits 1.
"""
import csv
import datetime
import os
import sys
import tomllib


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



DAY_MS = 86400000
STAGES = {"received": "diagnosis", "inspected": "diagnosis", "awaiting_approval": "approval",
          "awaiting_parts": "parts", "diagnosed": "repair", "approved": "repair",
          "in_repair": "repair", "qa": "qa", "ready_to_ship": "shipping", "declined": "shipping",
          "returned_unrepaired": "shipping", "exchanged": "shipping"}
PARTS = ["total", "diagnosis", "approval", "parts", "repair", "qa", "shipping"]
BUCKETS = [0, 1, 2, 3, 5, 7, 14, 30]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EPOCH = datetime.date(1970, 1, 1)


class Calendar:
    """The policy's [calendar]: local days, working days and working hours."""

    def __init__(self, policy):
        calendar = policy.get("calendar", {})
        self.offset_ms = calendar.get("utc_offset_minutes", 0) * 60000
        self.weekend = {WEEKDAYS.index(name)
                        for name in calendar.get("weekend", ["saturday", "sunday"])}
        self.holidays = {datetime.date.fromisoformat(d) for d in calendar.get("holidays", [])}
        self.worked = {datetime.date.fromisoformat(d)
                       for d in calendar.get("working_weekend_days", [])}
        start, end = calendar.get("working_hours", "09:00-18:00").split("-")
        self.opens_ms = minutes(start) * 60000
        self.closes_ms = minutes(end) * 60000

    def local_day(self, ms):
        return EPOCH + datetime.timedelta(milliseconds=ms + self.offset_ms)

    def midnight_ms(self, day):
        return (day - EPOCH).days * DAY_MS - self.offset_ms

    def working(self, day):
        if day in self.worked:
            return True
        return day not in self.holidays and day.weekday() not in self.weekend

    def add_working_days(self, day, count):
        while count > 0:
            day += datetime.timedelta(days=1)
            count -= self.working(day)
        return day

    def working_days_between(self, start, end):
        return sum(1 for n in range(1, (end - start).days + 1)
                   if self.working(start + datetime.timedelta(days=n)))

    def working_ms(self, start_ms, end_ms):
        total = 0
        day, last = self.local_day(start_ms), self.local_day(end_ms)
        while day <= last:
            if self.working(day):
                opens = self.midnight_ms(day) + self.opens_ms
                closes = self.midnight_ms(day) + self.closes_ms
                total += max(0, min(closes, end_ms) - max(opens, start_ms))
            day += datetime.timedelta(days=1)
        return total


def minutes(text):
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def rules_for(policy, category, platform):
    """The policy's layers: defaults < category < platform < platform's category."""
    rules = {"review_working_days": 3, "complete_working_days": 5}
    layers = [policy.get("defaults", {}), policy.get("categories", {}).get(category, {}),
              policy.get("platforms", {}).get(platform, {}),
              policy.get("platforms", {}).get(platform, {}).get("categories", {}).get(category, {})]
    for layer in layers:
        for key in rules:
            if key in layer:
                rules[key] = layer[key]
    return rules


def optional_int(text):
    return int(text) if text != "" else None


def walk_history(cases, history, now_ms):
    """Each case's milestones and its time per stage, from its state changes."""
    by_order = {}
    for change in history:
        by_order.setdefault(change["order"], []).append(change)
    for case in cases:
        case["received"] = int(case["received_ms"])
        case["stages"] = {}
        case["shipped"] = case["completed"] = case["closed"] = None
        case["withdrawn"] = False
        state, since = "received", case["received"]
        for change in by_order.get(case["order"], []):
            when, to = int(change["time_ms"]), change["to_state"]
            if case["shipped"] is None and state in STAGES:
                case["stages"].setdefault(STAGES[state], []).append((since, when))
            state, since = to, when
            if to in ("ready_to_ship", "restocked", "exchanged") and case["completed"] is None:
                case["completed"] = when
            if to == "shipped" and case["shipped"] is None:
                case["shipped"] = when
            if to == "closed" and case["closed"] is None:
                case["closed"] = when
            if to in ("cancelled", "scrapped"):
                case["withdrawn"] = True
        reviewed = optional_int(case["reviewed_ms"])
        case["reviewed"] = reviewed
        if case["quote"] == "accepted":
            case["approved"] = int(case["approved_ms"])
        elif case["quote"] == "open":
            case["approved"] = None
        else:
            case["approved"] = reviewed


def nearest_rank(values, percent):
    values = sorted(values)
    rank = max(1, -(-percent * len(values) // 100))
    return values[rank - 1]


def hours(ms):
    return "%.1f" % (ms / 3600000)


def turnaround_durations(cases, by, calendar):
    """{group: {part: [(calendar_ms, working_ms), ...]}} of the shipped cases."""
    groups = {}
    for case in cases:
        if case["shipped"] is None:
            continue
        parts = groups.setdefault(group_of(case, by, "shipped"), {})
        parts.setdefault("total", []).append(
            (case["shipped"] - case["received"],
             calendar.working_ms(case["received"], case["shipped"])))
        for stage, spans in case["stages"].items():
            parts.setdefault(stage, []).append(
                (sum(end - start for start, end in spans),
                 sum(calendar.working_ms(start, end) for start, end in spans)))
    return groups


def turnaround(facts, by):
    rows = []
    for group, parts in sorted(turnaround_durations(facts["cases"], by, facts["calendar"]).items()):
        for part in PARTS:
            if part not in parts:
                continue
            row = [group, part, str(len(parts[part]))]
            for column in (0, 1):
                values = [duration[column] for duration in parts[part]]
                row += [hours(nearest_rank(values, p)) for p in (50, 90, 100)]
            rows.append(row)
    return rows


def turnaround_histogram(facts, by):
    rows = []
    for group, parts in sorted(turnaround_durations(facts["cases"], by, facts["calendar"]).items()):
        for part in PARTS:
            if part not in parts:
                continue
            for n, start in enumerate(BUCKETS):
                end = BUCKETS[n + 1] if n + 1 < len(BUCKETS) else None
                count = sum(1 for duration, _ in parts[part]
                            if duration >= start * DAY_MS and (end is None or duration < end * DAY_MS))
                rows.append([group, part, str(start), "" if end is None else str(end), str(count)])
    return rows


def all_deadlines(facts):
    calendar, policy = facts["calendar"], facts["policy"]
    deadlines = []
    for case in facts["cases"]:
        rules = rules_for(policy, case["category"], case["platform"])
        for kind, start, days, done in (
                ("review", case["received"], rules["review_working_days"], case["reviewed"]),
                ("complete", case["approved"], rules["complete_working_days"], case["completed"])):
            if start is None or (case["withdrawn"] and done is None):
                continue
            due = calendar.add_working_days(calendar.local_day(start), days)
            deadlines.append({"case": case, "kind": kind, "due": due,
                              "done": None if done is None else calendar.local_day(done),
                              "due_ms": calendar.midnight_ms(due)})
    return deadlines


def deadlines(facts, by):
    today, groups = facts["today"], {}
    for d in all_deadlines(facts):
        if d["done"] is None and d["due"] >= today:
            continue
        case = dict(d["case"], due_ms=d["due_ms"])
        counts = groups.setdefault(group_of(case, by, "due_ms"), [0, 0, 0, 0])
        met = d["done"] is not None and d["done"] <= d["due"]
        column = 0 if d["kind"] == "review" else 2
        counts[column] += 1
        counts[column + 1] += met
    return [[group, str(c[0]), str(c[1]), share(c[1], c[0]), str(c[2]), str(c[3]), share(c[3], c[2])]
            for group, c in sorted(groups.items())]


def deadline_misses(facts, by):
    today, calendar, rows = facts["today"], facts["calendar"], []
    for d in all_deadlines(facts):
        if d["done"] is not None and d["done"] <= d["due"]:
            continue
        if d["done"] is None and d["due"] >= today:
            continue
        until = d["done"] if d["done"] is not None else today
        rows.append([d["case"]["order"], d["kind"], d["due"].isoformat(),
                     "" if d["done"] is None else d["done"].isoformat(),
                     str(calendar.working_days_between(d["due"], until)), d["case"]["technician"]])
    return rows


def at_risk(facts, by):
    today, calendar, rows = facts["today"], facts["calendar"], []
    tomorrow = calendar.add_working_days(today, 1)
    for d in all_deadlines(facts):
        if d["done"] is not None or d["due"] > tomorrow:
            continue
        left = (calendar.working_days_between(today, d["due"]) if d["due"] >= today
                else -calendar.working_days_between(d["due"], today))
        rows.append([d["case"]["order"], d["kind"], d["due"].isoformat(), str(left),
                     d["case"]["technician"]])
    return rows


def find_repeats(cases, window_days):
    last, repeats = {}, []
    for case in cases:
        if not case["device"]:
            continue
        before = last.get(case["device"])
        last[case["device"]] = case
        if before is None or before["shipped"] is None:
            continue
        after = case["received"] - before["shipped"]
        if 0 <= after <= window_days * DAY_MS:
            repeats.append((before, case))
    return repeats


def utc_date(ms):
    return (EPOCH + datetime.timedelta(milliseconds=ms)).isoformat()


def repeats(facts, by):
    return [[again["device"], first["order"], first["finding"], utc_date(first["shipped"]),
             first["technician"], again["order"], utc_date(again["received"]),
             str((again["received"] - first["shipped"]) // DAY_MS), again["finding"]]
            for first, again in find_repeats(facts["cases"], facts["repeat_days"])]


def people(facts, by):
    persons = {}

    def person(technician):
        return persons.setdefault(technician, {"closed": 0, "repeats": 0, "fpy": None,
                                               "repair": ""})
    for case in facts["cases"]:
        if case["closed"] is not None:
            person(case["technician"])["closed"] += 1
    for first, _ in find_repeats(facts["cases"], facts["repeat_days"]):
        person(first["technician"])["repeats"] += 1
    for row in fpy(facts["cases"], "technician"):
        person(row[0])["fpy"] = row[1:]
    durations = turnaround_durations(facts["cases"], "technician", facts["calendar"])
    for technician, parts in durations.items():
        if "repair" in parts:
            person(technician)["repair"] = hours(
                nearest_rank([working for _, working in parts["repair"]], 50))
    names = {case["technician"]: case["technician_name"] for case in facts["cases"]}
    return [[technician, names.get(technician, ""), str(p["closed"])] +
            (p["fpy"] or ["0", "0", ""]) + [p["repair"], str(p["repeats"])]
            for technician, p in sorted(persons.items())]


def cost(facts, by):
    groups = {}
    for case in facts["cases"]:
        if case["shipped"] is None:
            continue
        sums = groups.setdefault(group_of(case, by, "shipped"), [0] * 8)
        total = int(case["parts_minor"]) + int(case["labour_minor"])
        sums[0] += 1
        sums[1] += int(case["parts_minor"])
        sums[2] += int(case["labour_minor"])
        if case["quoted_minor"]:
            sums[5] += 1
            sums[6] += total
            sums[7] += int(case["quoted_minor"])
        else:
            sums[3] += 1
            sums[4] += total
    currency = facts["policy"].get("quotes", {}).get("currency", "CNY")
    rows = []
    for group, s in sorted(groups.items()):
        total = s[1] + s[2]
        rows.append([group, str(s[0]), str(s[1]), str(s[2]), str(total),
                     str((2 * total + s[0]) // (2 * s[0])), str(s[3]), str(s[4]), str(s[5]),
                     str(s[6]), str(s[7]), currency])
    return rows


def read_rows(path):
    table = read_csv(path)
    return [dict(zip(table[0], row)) for row in table[1:]]


def main():
    arguments = sys.argv[1:]
    now_ms = None
    if len(arguments) == 3 and arguments[1] == "--now":
        now_ms = int(arguments[2])
        arguments = arguments[:1]
    if len(arguments) != 1:
        print(__doc__)
        return 2
    folder = arguments[0]
    cases = read_rows(os.path.join(folder, "cases.csv"))
    facts = {"cases": cases, "repeat_days": 90}
    if os.path.exists(os.path.join(folder, "policy.toml")):
        with open(os.path.join(folder, "policy.toml"), "rb") as f:
            facts["policy"] = tomllib.load(f)
        facts["calendar"] = Calendar(facts["policy"])
        if now_ms is not None:
            facts["today"] = facts["calendar"].local_day(now_ms)
    if os.path.exists(os.path.join(folder, "history.csv")):
        walk_history(cases, read_rows(os.path.join(folder, "history.csv")), now_ms)
    recompute = {"fpy": lambda facts, by: fpy(facts["cases"], by),
                 "pareto": lambda facts, by: pareto(facts["cases"], by),
                 "turnaround": turnaround, "turnaround-histogram": turnaround_histogram,
                 "deadlines": deadlines, "deadline-misses": deadline_misses, "at-risk": at_risk,
                 "repeats": repeats, "people": people, "cost": cost}
    checked, differences = 0, []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        report, _, by = name[:-len(".csv")].rpartition("-")
        if report not in recompute:
            continue
        ours = read_csv(os.path.join(folder, name))[1:]
        expected = recompute[report](facts, by)
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
