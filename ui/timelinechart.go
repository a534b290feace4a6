package ui

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model/calendar"
	"robodesk/model/sim"
)

// Chart geometry.
const (
	chartLabelW = 230
	chartAxisH  = 40
	chartRowH   = 30
	chartRight  = 18
	chartDot    = 11
)

// chartRow is one robot's line on the chart.
type chartRow struct {
	Title  string
	Status string
	// Start is when the robot's wait began, At when it runs (or would have), Finish when the
	// robot after it may start.
	Start, At, Finish time.Time
	// After is the row this one waits for; -1 when it starts at the stage entry.
	After int
	Color fyne.ThemeColorName
	// Note is said beside the mark of a robot that does not run: why.
	Note string
}

// chartRange is the span of time the chart shows: from the entry to the last moment of any
// robot, at least two hours, with a margin either side so marks at the edges stay whole.
func chartRange(entry time.Time, rows []chartRow, leaves time.Time) (from, to time.Time) {
	from, to = entry, entry
	grow := func(t time.Time) {
		if !t.IsZero() && t.After(to) {
			to = t
		}
		if !t.IsZero() && t.Before(from) {
			from = t
		}
	}
	for _, r := range rows {
		grow(r.Start)
		grow(r.At)
		grow(r.Finish)
	}
	grow(leaves)
	if to.Sub(from) < 2*time.Hour {
		to = from.Add(2 * time.Hour)
	}
	span := to.Sub(from)
	return from.Add(-span / 20), to.Add(span / 12)
}

// workSpans are the working periods of the calendar between from and to, each clipped to the
// range; a range of more than a year gets none, as shading would be a blur.
func workSpans(cal calendar.Calendar, from, to time.Time) [][2]time.Time {
	if to.Sub(from) > 400*24*time.Hour {
		return nil
	}
	loc, err := cal.Location()
	if err != nil {
		loc = time.UTC
	}
	start, end := cal.WorkHours()
	f := from.In(loc)
	day := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc)
	var out [][2]time.Time
	for ; day.Before(to); day = day.AddDate(0, 0, 1) {
		if !cal.IsWorkDay(day) {
			continue
		}
		s, e := day.Add(start), day.Add(end)
		if s.Before(from) {
			s = from
		}
		if e.After(to) {
			e = to
		}
		if s.Before(e) {
			out = append(out, [2]time.Time{s, e})
		}
	}
	return out
}

// tickSteps are the intervals the time axis may be marked at.
var tickSteps = []time.Duration{
	15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour,
	12 * time.Hour, 24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour,
}

// chartTicks are the axis marks between from and to for a plot width: the finest step that
// leaves every label room, aligned to the zone's midnight.
func chartTicks(from, to time.Time, width float32) (ticks []time.Time, step time.Duration) {
	span := to.Sub(from)
	most := int(width / 78)
	if most < 2 {
		most = 2
	}
	step = tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if int(span/s) <= most {
			step = s
			break
		}
	}
	loc := from.Location()
	t := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
	for t.Before(from) {
		t = advance(t, step)
	}
	for ; !t.After(to); t = advance(t, step) {
		ticks = append(ticks, t)
	}
	return ticks, step
}

// advance moves a tick by step, keeping day steps on midnight across a change of summer time.
func advance(t time.Time, step time.Duration) time.Time {
	if step >= 24*time.Hour {
		return t.AddDate(0, 0, int(step/(24*time.Hour)))
	}
	return t.Add(step)
}

// tickLabel names an axis mark: the day at midnight or for day steps, the time of day otherwise.
func tickLabel(t time.Time, step time.Duration) string {
	if step >= 24*time.Hour || (t.Hour() == 0 && t.Minute() == 0) {
		return weekdayShort(t.Weekday()) + " " + t.Format("02.01")
	}
	return t.Format("15:04")
}

// timelineChart draws a stage's timeline: one line per robot in stage order against a time axis,
// the working hours shaded, the entry and the moment the item leaves the stage as vertical
// lines, a bar for each robot's wait ending in a dot when it runs, chain lines from a robot to
// the one that runs after it, and skipped or unreached robots greyed with the reason.
type timelineChart struct {
	widget.BaseWidget
	entry    time.Time
	leaves   time.Time
	cal      calendar.Calendar
	rows     []chartRow
	from, to time.Time
}

func newTimelineChart() *timelineChart {
	c := &timelineChart{}
	c.ExtendBaseWidget(c)
	return c
}

// set shows a timeline.
func (c *timelineChart) set(entry, leaves time.Time, cal calendar.Calendar, rows []chartRow) {
	c.entry, c.leaves, c.cal, c.rows = entry, leaves, cal, rows
	c.from, c.to = chartRange(entry, rows, leaves)
	c.Refresh()
}

// x is where a moment lies across a plot of the given width.
func (c *timelineChart) x(t time.Time, width float32) float32 {
	plot := width - chartLabelW - chartRight
	span := c.to.Sub(c.from)
	if span <= 0 {
		return chartLabelW
	}
	return chartLabelW + plot*float32(float64(t.Sub(c.from))/float64(span))
}

// MinSize implements fyne.Widget.
func (c *timelineChart) MinSize() fyne.Size {
	return fyne.NewSize(chartLabelW+360, chartAxisH+float32(max(len(c.rows), 1))*chartRowH+8)
}

// CreateRenderer implements fyne.Widget.
func (c *timelineChart) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

type chartRenderer struct {
	c       *timelineChart
	objects []fyne.CanvasObject
}

// Layout draws the chart again for its size: every mark's place depends on it.
func (r *chartRenderer) Layout(size fyne.Size) {
	r.objects = r.draw(size)
}

func (r *chartRenderer) draw(size fyne.Size) []fyne.CanvasObject {
	c := r.c
	var objs []fyne.CanvasObject
	fg := themeColor(theme.ColorNameForeground)
	muted := mutedText()
	small := theme.CaptionTextSize()
	plotW := size.Width - chartLabelW - chartRight
	if plotW < 40 || c.from.IsZero() {
		return nil
	}
	top := float32(chartAxisH)
	bottom := top + float32(len(c.rows))*chartRowH
	rect := func(x, y, w, h float32, col color.Color) *canvas.Rectangle {
		o := canvas.NewRectangle(col)
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
		objs = append(objs, o)
		return o
	}
	line := func(x1, y1, x2, y2 float32, col color.Color, width float32) {
		o := canvas.NewLine(col)
		o.StrokeWidth = width
		o.Position1, o.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
		objs = append(objs, o)
	}
	text := func(s string, x, y float32, col color.Color, size float32, style fyne.TextStyle) *canvas.Text {
		o := canvas.NewText(s, col)
		o.TextSize, o.TextStyle = size, style
		o.Move(fyne.NewPos(x, y))
		o.Resize(o.MinSize())
		objs = append(objs, o)
		return o
	}

	// Rows' backgrounds, then the calendar, so working hours show through every row.
	for i := range c.rows {
		if i%2 == 1 {
			rect(0, top+float32(i)*chartRowH, size.Width, chartRowH, faded(fg, 8))
		}
	}
	rect(chartLabelW, top, plotW, bottom-top, faded(fg, 10))
	for _, s := range workSpans(c.cal, c.from, c.to) {
		x1, x2 := c.x(s[0], size.Width), c.x(s[1], size.Width)
		rect(x1, top, x2-x1, bottom-top, faded(themeColor(theme.ColorNameSuccess), 40))
	}

	// The axis.
	ticks, step := chartTicks(c.from, c.to, plotW)
	for _, t := range ticks {
		x := c.x(t, size.Width)
		line(x, top-4, x, bottom, faded(fg, 40), 1)
		l := text(tickLabel(t, step), x+3, top-chartAxisH+6, muted, small, fyne.TextStyle{})
		if t.Hour() == 0 && t.Minute() == 0 {
			l.Color = fg
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
	}
	line(chartLabelW, top, size.Width-chartRight, top, faded(fg, 90), 1)

	// The entry, and the moment the item leaves the stage.
	ex := c.x(c.entry, size.Width)
	line(ex, top-6, ex, bottom, themeColor(theme.ColorNamePrimary), 2)
	text(lang.L("entry"), ex+3, top-chartAxisH/2+4, themeColor(theme.ColorNamePrimary), small, fyne.TextStyle{Bold: true})
	if !c.leaves.IsZero() {
		lx := c.x(c.leaves, size.Width)
		line(lx, top-6, lx, bottom, themeColor(theme.ColorNameError), 2)
		t := text(lang.L("leaves the stage"), lx+3, top-chartAxisH/2+4, themeColor(theme.ColorNameError), small, fyne.TextStyle{Bold: true})
		if lx+3+t.MinSize().Width > size.Width {
			t.Move(fyne.NewPos(lx-3-t.MinSize().Width, t.Position().Y))
		}
	}

	m := newMeter(theme.TextSize()-1, fyne.TextStyle{})
	for i, row := range c.rows {
		y := top + float32(i)*chartRowH
		mid := y + chartRowH/2
		runs := row.Status == sim.Runs
		labelCol := fg
		if !runs {
			labelCol = muted
		}
		num := strconv.Itoa(i+1) + "  "
		text(num+m.fit(row.Title, chartLabelW-16-m.width(num)), 8, mid-m.height/2, labelCol, theme.TextSize()-1, fyne.TextStyle{})
		cat := boardColor(row.Color)
		if row.After >= 0 && row.After < i && !row.Start.IsZero() {
			// The chain: from the end of the robot waited for down to this line.
			px := c.x(row.Start, size.Width)
			py := top + float32(row.After)*chartRowH + chartRowH/2
			line(px, py, px, mid, boardColor(colorChain), 2)
		}
		if row.At.IsZero() {
			text(row.Note, chartLabelW+8, mid-small/2-2, muted, small, fyne.TextStyle{Italic: true})
			continue
		}
		sx, ax := c.x(row.Start, size.Width), c.x(row.At, size.Width)
		if row.Start.IsZero() {
			sx = ax
		}
		if ax-sx > 1 {
			// Waits are neutral, so the dots in the category colors stand out.
			col := faded(boardColor(colorOther), 110)
			if !runs {
				col = faded(muted, 70)
			}
			rect(sx, mid-3, ax-sx, 6, col)
		}
		if runs && row.Finish.After(row.At) {
			fx := c.x(row.Finish, size.Width)
			rect(ax, mid-2, fx-ax, 4, faded(cat, 60))
		}
		dot := canvas.NewCircle(cat)
		if !runs {
			dot.FillColor = themeColor(theme.ColorNameBackground)
			dot.StrokeColor = muted
			dot.StrokeWidth = 2
		}
		dot.Move(fyne.NewPos(ax-chartDot/2, mid-chartDot/2))
		dot.Resize(fyne.NewSize(chartDot, chartDot))
		objs = append(objs, dot)
		label := row.At.Format("15:04")
		if !runs {
			label = row.Note
		}
		lx := ax + chartDot/2 + 4
		room := size.Width - lx - 4
		lm := newMeter(small, fyne.TextStyle{Italic: !runs})
		if room < 120 && lm.width(label) > room {
			// No room on the right: the label goes left of the mark.
			room = ax - chartDot/2 - chartLabelW - 8
			label = lm.fit(label, room)
			lx = ax - chartDot/2 - 4 - lm.width(label)
		} else {
			label = lm.fit(label, room)
		}
		col := fg
		if !runs {
			col = muted
		}
		text(label, lx, mid-small/2-2, col, small, fyne.TextStyle{Italic: !runs})
	}
	return objs
}

func (r *chartRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *chartRenderer) Refresh() {
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Destroy() {}
