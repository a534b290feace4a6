package lint

import (
	"fmt"
	"strconv"

	"robodesk/model"
)

// delays flags delays the portal does not keep as designed: under its 10-minute minimum (an
// «immediately» of 0 is fine), and a time of day on a plain wait, which the portal ignores.
func (l *linter) delays(ref model.StageRef, r *model.Robot) {
	d := r.Delay
	if d == nil || d.IsNow() {
		return
	}
	if d.ValueType == "i" && d.Value > 0 && d.Value < l.opts.MinDelayMinutes {
		l.add(model.SevWarning, ref, r, "Delay.value", CodeDelayShort,
			fmt.Sprintf("a delay of %d minutes is under the portal's minimum of %d minutes, so the robot will not run when shown", d.Value, l.opts.MinDelayMinutes),
			"minutes", strconv.Itoa(d.Value), "min", strconv.Itoa(l.opts.MinDelayMinutes))
	}
	if d.InTime != nil && d.Type == model.DelayAfter && d.Basis == model.BasisNow && !d.WorkTime {
		l.add(model.SevWarning, ref, r, "Delay.inTime", CodeDelayTimeIgnored,
			"the portal ignores the time of day of a plain wait that does not count working time; turn on «only in working time» or count from a date field")
	}
}
