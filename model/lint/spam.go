package lint

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/sim"
)

// firstMessages estimates how many "write first" messenger messages go out a day. For every
// stage with such robots, Options.NewPerDay items are simulated entering it each day for two
// weeks: around the clock on stages items arrive at by themselves, within working hours on
// working days elsewhere. Every robot is counted as if its condition held, so the figure is
// an upper bound; waiting for working time makes messages bunch up (Monday sends the
// weekend's), which is why the busiest day of the second week is reported, per stage and for
// the portal as a whole.
func (l *linter) firstMessages() {
	cal, loc := l.calendar()
	monday := workDay(cal, l.now.In(loc))
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, 1)
	}
	second := monday.AddDate(0, 0, 7)
	total := map[string]int{}
	type stageCount struct {
		ref   model.StageRef
		robot *model.Robot
		max   int
		day   string
	}
	var stages []stageCount
	for _, ref := range l.p.Stages() {
		var first []int
		for i, r := range l.p.Robots(ref) {
			if e := catalog.Lookup(r.Type, r.Properties); e != nil && e.FirstMessage && r.Activated {
				first = append(first, i)
			}
		}
		if len(first) == 0 {
			continue
		}
		arrives, _ := l.arrival(ref)
		perDay := map[string]int{}
		rec := l.records(ref.Entity)[0].Record
		for _, at := range arrivals(cal, monday, 14, l.opts.NewPerDay, arrives) {
			tl := sim.Run(l.p, ref, rec, at, sim.Options{NoTexts: true})
			for _, i := range first {
				s := tl.Steps[i]
				if (s.Status == sim.Runs || s.Status == sim.Skipped) && !s.At.Before(second) {
					perDay[s.At.Format("2006-01-02")]++
				}
			}
		}
		best, day := busiest(perDay)
		for d, n := range perDay {
			total[d] += n
		}
		stages = append(stages, stageCount{ref, l.p.Robots(ref)[first[0]], best, day})
		if best > l.opts.FirstMessageLimit {
			l.add(model.SevWarning, ref, l.p.Robots(ref)[first[0]], "", CodeFirstMessages,
				fmt.Sprintf("at %d new items a day %s, assuming every item passes the robots' conditions, this stage writes first to up to %d clients on %s; messenger apps advise writing first to no more than %d new clients a day, or the account may be blocked for spam",
					l.opts.NewPerDay, arrivalWords(arrives), best, dayName(day, loc), l.opts.FirstMessageLimit),
				"perDay", strconv.Itoa(l.opts.NewPerDay), "max", strconv.Itoa(best), "day", day, "limit", strconv.Itoa(l.opts.FirstMessageLimit))
		}
	}
	if len(stages) < 2 {
		return
	}
	best, day := busiest(total)
	if best <= l.opts.FirstMessageLimit {
		return
	}
	sort.SliceStable(stages, func(i, j int) bool { return stages[i].max > stages[j].max })
	var names []string
	for _, s := range stages {
		names = append(names, s.ref.String())
	}
	top := stages[0]
	l.add(model.SevWarning, top.ref, top.robot, "", CodeFirstMessagesSum,
		fmt.Sprintf("together the stages %s write first to up to %d clients on %s at %d new items a day each; messenger apps advise no more than %d a day per account",
			strings.Join(names, ", "), best, dayName(day, loc), l.opts.NewPerDay, l.opts.FirstMessageLimit),
		"stages", strings.Join(names, ", "), "max", strconv.Itoa(best), "day", day, "perDay", strconv.Itoa(l.opts.NewPerDay), "limit", strconv.Itoa(l.opts.FirstMessageLimit))
}

// arrivals spreads perDay entries evenly over each of days days from the first: over the whole
// day when items arrive by themselves, over the working hours of working days otherwise.
func arrivals(cal interface {
	IsWorkDay(time.Time) bool
	WorkHours() (time.Duration, time.Duration)
}, first time.Time, days, perDay int, aroundTheClock bool) []time.Time {
	start, end := cal.WorkHours()
	var out []time.Time
	for d := 0; d < days; d++ {
		day := first.AddDate(0, 0, d)
		from, span := time.Duration(0), 24*time.Hour
		if !aroundTheClock {
			if !cal.IsWorkDay(day.Add(12 * time.Hour)) {
				continue
			}
			from, span = start, end-start
		}
		for k := 0; k < perDay; k++ {
			out = append(out, day.Add(from+span*time.Duration(2*k+1)/time.Duration(2*perDay)))
		}
	}
	return out
}

func busiest(perDay map[string]int) (int, string) {
	best, day := 0, ""
	for d, n := range perDay {
		if n > best || (n == best && d < day) {
			best, day = n, d
		}
	}
	return best, day
}

func arrivalWords(aroundTheClock bool) string {
	if aroundTheClock {
		return "arriving around the clock"
	}
	return "moved here in working hours"
}

func dayName(day string, loc *time.Location) string {
	t, err := time.ParseInLocation("2006-01-02", day, loc)
	if err != nil {
		return day
	}
	return t.Format("Mon 02.01.2006")
}
