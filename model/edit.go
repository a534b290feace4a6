package model

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// Command is an edit: the only way robots change. Change computes what the command would do to
// the project without touching it; the caller persists the change and then applies it.
type Command interface {
	Change(p *Project) (Change, error)
}

// ErrNoRobot is returned for an edit naming a robot the project does not have.
var ErrNoRobot = errors.New("no such robot")

// draft collects a change's forward ops and, before each robot or stage is first touched, the
// op that restores it; so every command gets a correct undo without writing one. Ops share
// robots with the project and with each other instead of copying them: robots in the project
// and in ops are never changed in place (Apply places copies), and a commit then encodes a robot
// that a move leaves as it is only once for its forward and its undo op.
type draft struct {
	p       *Project
	ch      Change
	touched map[string]bool
	stages  map[StageRef]bool
}

func newDraft(p *Project, label string) *draft {
	return &draft{p: p, ch: Change{Label: label}, touched: map[string]bool{}, stages: map[StageRef]bool{}}
}

func (d *draft) remember(id string, stage StageRef) {
	if d.touched[id] {
		return
	}
	d.touched[id] = true
	if r, ref, _, ok := d.p.Robot(id); ok {
		d.ch.Undo = append(d.ch.Undo, Op{Kind: OpPut, ID: id, Stage: ref, Pos: r.Pos, Robot: r})
		return
	}
	d.ch.Undo = append(d.ch.Undo, Op{Kind: OpDelete, ID: id, Stage: stage})
}

func (d *draft) put(id string, stage StageRef, pos float64, r *Robot) {
	d.remember(id, stage)
	d.ch.Do = append(d.ch.Do, Op{Kind: OpPut, ID: id, Stage: stage, Pos: pos, Robot: r})
}

func (d *draft) del(id string) {
	_, ref, _, _ := d.p.Robot(id)
	d.remember(id, ref)
	d.ch.Do = append(d.ch.Do, Op{Kind: OpDelete, ID: id, Stage: ref})
}

func (d *draft) meta(stage StageRef, m StageMeta) {
	if !d.stages[stage] {
		d.stages[stage] = true
		old := d.p.Template(stage).Meta
		d.ch.Undo = append(d.ch.Undo, Op{Kind: OpStage, Stage: stage, Meta: &old})
	}
	d.ch.Do = append(d.ch.Do, Op{Kind: OpStage, Stage: stage, Meta: &m})
}

func (d *draft) done(robots []*Robot) Change {
	d.ch.Count = len(robots)
	if len(robots) == 1 {
		d.ch.Subject = robots[0].Title()
	}
	// Undo ops restore independent robots, but reversing keeps the journal readable.
	for i, j := 0, len(d.ch.Undo)-1; i < j; i, j = i+1, j-1 {
		d.ch.Undo[i], d.ch.Undo[j] = d.ch.Undo[j], d.ch.Undo[i]
	}
	return d.ch
}

// insert places robots at index among the stage's robots that stay there (those not in moving),
// keeping existing positions when there is room and renumbering the stage when there is not.
func (d *draft) insert(stage StageRef, index int, robots []*Robot, moving map[string]bool) {
	var stay []*Robot
	for _, r := range d.p.Robots(stage) {
		if !moving[r.ID] {
			stay = append(stay, r)
		}
	}
	if index < 0 || index > len(stay) {
		index = len(stay)
	}
	if pos, ok := slots(stay, index, len(robots)); ok {
		for i, r := range robots {
			d.put(r.ID, stage, pos[i], r)
		}
		return
	}
	order := append(append(append([]*Robot{}, stay[:index]...), robots...), stay[index:]...)
	incoming := map[string]bool{}
	for _, r := range robots {
		incoming[r.ID] = true
	}
	for i, r := range order {
		pos := float64(i + 1)
		if incoming[r.ID] || r.Pos != pos {
			d.put(r.ID, stage, pos, r)
		}
	}
}

// slots returns k positions between stay[index-1] and stay[index].
func slots(stay []*Robot, index, k int) ([]float64, bool) {
	pos := make([]float64, k)
	switch {
	case len(stay) == 0:
		for i := range pos {
			pos[i] = float64(i + 1)
		}
	case index == 0:
		for i := range pos {
			pos[i] = stay[0].Pos - float64(k-i)
		}
	case index == len(stay):
		for i := range pos {
			pos[i] = stay[len(stay)-1].Pos + float64(i+1)
		}
	default:
		lo, hi := stay[index-1].Pos, stay[index].Pos
		step := (hi - lo) / float64(k+1)
		if step < 1e-9 {
			return nil, false
		}
		for i := range pos {
			pos[i] = lo + step*float64(i+1)
		}
	}
	return pos, true
}

// robots resolves IDs, failing on the first unknown one.
func (p *Project) robots(ids []string) ([]*Robot, error) {
	if len(ids) == 0 {
		return nil, errors.New("no robots selected")
	}
	out := make([]*Robot, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		r, _, _, ok := p.Robot(id)
		if !ok {
			return nil, fmt.Errorf("robot %s: %w", id, ErrNoRobot)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, r)
		}
	}
	return out, nil
}

// checkStage refuses a target stage the portal snapshot doesn't have (when it has the entity).
func (p *Project) checkStage(ref StageRef) error {
	if p.Portal == nil || p.Portal.Entity(ref.Entity) == nil {
		if ref.Entity == "" || ref.Status == "" {
			return fmt.Errorf("stage %s: incomplete reference", ref)
		}
		return nil
	}
	_, _, _, err := p.Portal.Stage(ref)
	return err
}

// Add puts new robots into a stage at Index (-1 appends). Robots without an ID or Name get
// fresh ones, as Bitrix24 names new activities.
type Add struct {
	To     StageRef
	Index  int
	Robots []*Robot
}

// Change implements Command.
func (c Add) Change(p *Project) (Change, error) {
	if err := p.checkStage(c.To); err != nil {
		return Change{}, fmt.Errorf("add: %w", err)
	}
	if len(c.Robots) == 0 {
		return Change{}, errors.New("add: no robots")
	}
	names := p.namesIn(c.To)
	var rs []*Robot
	for _, r := range c.Robots {
		r = r.Clone()
		if r.ID == "" {
			r.ID = uuid.NewString()
		} else if _, _, _, taken := p.Robot(r.ID); taken {
			return Change{}, fmt.Errorf("add: robot %s already exists", r.ID)
		}
		if r.Name == "" || names[r.Name] {
			r.Name = newName(names)
		}
		names[r.Name] = true
		rs = append(rs, r)
	}
	d := newDraft(p, "add")
	d.insert(c.To, c.Index, rs, nil)
	return d.done(rs), nil
}

// Update replaces robots' content (anything but their place) by ID.
type Update struct {
	Robots []*Robot
}

// Change implements Command.
func (c Update) Change(p *Project) (Change, error) {
	if len(c.Robots) == 0 {
		return Change{}, errors.New("edit: no robots")
	}
	d := newDraft(p, "edit")
	var changed []*Robot
	for _, r := range c.Robots {
		old, ref, _, ok := p.Robot(r.ID)
		if !ok {
			return Change{}, fmt.Errorf("edit robot %s: %w", r.ID, ErrNoRobot)
		}
		if r.Type == "" {
			return Change{}, fmt.Errorf("edit robot %s: missing type", r.ID)
		}
		if other, _ := p.ByName(ref, r.Name); r.Name == "" || other != nil && other.ID != r.ID {
			return Change{}, fmt.Errorf("edit robot %s: name %q is empty or taken in %s", r.ID, r.Name, ref)
		}
		if Equal(old, r) {
			continue
		}
		r = r.Clone() // the caller keeps its robot; the change gets its own
		d.put(r.ID, ref, old.Pos, r)
		changed = append(changed, r)
	}
	return d.done(changed), nil
}

// Delete removes robots.
type Delete struct {
	IDs []string
}

// Change implements Command.
func (c Delete) Change(p *Project) (Change, error) {
	rs, err := p.robots(c.IDs)
	if err != nil {
		return Change{}, fmt.Errorf("delete: %w", err)
	}
	d := newDraft(p, "delete")
	for _, r := range rs {
		d.del(r.ID)
	}
	return d.done(rs), nil
}

// Move takes robots, in the given order, to a stage at Index (-1 appends); Index counts the
// target's robots that are not being moved. Within one stage it reorders.
type Move struct {
	IDs   []string
	To    StageRef
	Index int
}

// Change implements Command.
func (c Move) Change(p *Project) (Change, error) {
	rs, err := p.robots(c.IDs)
	if err != nil {
		return Change{}, fmt.Errorf("move: %w", err)
	}
	if err := p.checkStage(c.To); err != nil {
		return Change{}, fmt.Errorf("move: %w", err)
	}
	moving := map[string]bool{}
	for _, r := range rs {
		moving[r.ID] = true
	}
	// A name must stay unique in its template; a robot arriving from another stage may clash.
	names := map[string]bool{}
	for _, r := range p.Robots(c.To) {
		if !moving[r.ID] {
			names[r.Name] = true
		}
	}
	moved := make([]*Robot, len(rs))
	for i, r := range rs {
		m := r
		if names[m.Name] {
			m = r.Clone()
			m.Name = newName(names)
		}
		names[m.Name] = true
		moved[i] = m
	}
	d := newDraft(p, "move")
	d.insert(c.To, c.Index, moved, moving)
	if unchanged(p, d.ch.Do) {
		return Change{Label: "move"}, nil
	}
	return d.done(rs), nil
}

// unchanged reports ops that would put every robot back where and as it is.
func unchanged(p *Project, ops []Op) bool {
	for _, op := range ops {
		r, ref, _, ok := p.Robot(op.ID)
		if op.Kind != OpPut || !ok || ref != op.Stage || !Equal(r, op.Robot) {
			return false
		}
	}
	// Same stage and content: only the order could differ; compare it.
	after := NewProject(nil)
	for _, op := range ops {
		for _, r := range p.Robots(op.Stage) {
			if _, _, _, seen := after.Robot(r.ID); !seen {
				after.Load(op.Stage, StageMeta{}, []*Robot{r.Clone()})
			}
		}
	}
	before := map[StageRef][]string{}
	for _, ref := range after.Stages() {
		for _, r := range after.Robots(ref) {
			before[ref] = append(before[ref], r.ID)
		}
	}
	if err := after.Apply(ops); err != nil {
		return false
	}
	for ref, ids := range before {
		got := after.Robots(ref)
		for i, id := range ids {
			if got[i].ID != id {
				return false
			}
		}
	}
	return true
}

// Copy duplicates robots, in the given order, into a stage at Index (-1 appends). Copies get
// fresh IDs, Names and DelayNames; references between robots copied together follow the copies.
type Copy struct {
	IDs   []string
	To    StageRef
	Index int
}

// Change implements Command.
func (c Copy) Change(p *Project) (Change, error) {
	rs, err := p.robots(c.IDs)
	if err != nil {
		return Change{}, fmt.Errorf("copy: %w", err)
	}
	if err := p.checkStage(c.To); err != nil {
		return Change{}, fmt.Errorf("copy: %w", err)
	}
	copies := Duplicate(rs, p.namesIn(c.To))
	d := newDraft(p, "copy")
	d.insert(c.To, c.Index, copies, nil)
	return d.done(copies), nil
}

// Duplicate clones robots for pasting or copying: fresh IDs, Names and DelayNames unique among
// taken (which it extends), and references between the robots rewritten to the copies.
func Duplicate(rs []*Robot, taken map[string]bool) []*Robot {
	renames := map[string]string{}
	copies := make([]*Robot, len(rs))
	for i, r := range rs {
		cp := r.Clone()
		cp.ID = uuid.NewString()
		cp.Name = newName(taken)
		taken[cp.Name] = true
		renames[r.Name] = cp.Name
		if cp.DelayName != "" {
			cp.DelayName = newName(taken)
			taken[cp.DelayName] = true
		}
		copies[i] = cp
	}
	for _, cp := range copies {
		RenameRefs(cp, renames)
	}
	return copies
}

// Reorder sets the order of a stage's robots; IDs must list exactly the stage's robots.
type Reorder struct {
	Stage StageRef
	IDs   []string
}

// Change implements Command.
func (c Reorder) Change(p *Project) (Change, error) {
	cur := p.Robots(c.Stage)
	if len(cur) != len(c.IDs) {
		return Change{}, fmt.Errorf("reorder %s: %d robots given, stage has %d", c.Stage, len(c.IDs), len(cur))
	}
	d := newDraft(p, "reorder")
	var rs []*Robot
	for i, id := range c.IDs {
		r, ref, _, ok := p.Robot(id)
		if !ok || ref != c.Stage {
			return Change{}, fmt.Errorf("reorder %s: robot %s is not in the stage", c.Stage, id)
		}
		rs = append(rs, r)
		if pos := float64(i + 1); cur[i].ID != id || r.Pos != pos {
			d.put(id, c.Stage, pos, r)
		}
	}
	if unchanged(p, d.ch.Do) {
		return Change{Label: "reorder"}, nil
	}
	return d.done(rs), nil
}

// Toggle switches robots on or off.
type Toggle struct {
	IDs       []string
	Activated bool
}

// Change implements Command.
func (c Toggle) Change(p *Project) (Change, error) {
	rs, err := p.robots(c.IDs)
	if err != nil {
		return Change{}, fmt.Errorf("toggle: %w", err)
	}
	d := newDraft(p, "toggle")
	for _, r := range rs {
		if r.Activated == c.Activated {
			continue
		}
		_, ref, _, _ := p.Robot(r.ID)
		t := r.Clone()
		t.Activated = c.Activated
		d.put(r.ID, ref, r.Pos, t)
	}
	return d.done(rs), nil
}

// StageContent is the full content of one stage template.
type StageContent struct {
	Stage StageRef
	// Meta replaces the stage's meta data; nil keeps it.
	Meta   *StageMeta
	Robots []*Robot
}

// Replace sets whole stages at once: import and "take theirs" use it. A robot keeps its local ID
// when the stage already has one with the same Name, so history and diffs follow it.
type Replace struct {
	Label  string
	Stages []StageContent
}

// Change implements Command.
func (c Replace) Change(p *Project) (Change, error) {
	label := c.Label
	if label == "" {
		label = "replace"
	}
	d := newDraft(p, label)
	var all []*Robot
	for _, sc := range c.Stages {
		if err := p.checkStage(sc.Stage); err != nil {
			return Change{}, fmt.Errorf("%s: %w", label, err)
		}
		existing := map[string]*Robot{}
		for _, r := range p.Robots(sc.Stage) {
			existing[r.Name] = r
		}
		keep := map[string]bool{}
		names := map[string]bool{}
		for i, r := range sc.Robots {
			r = r.Clone()
			if old := existing[r.Name]; old != nil && r.Name != "" {
				r.ID = old.ID
			} else if r.ID == "" || p.where[r.ID] != (StageRef{}) && p.where[r.ID] != sc.Stage {
				r.ID = uuid.NewString()
			}
			if r.Name == "" || names[r.Name] {
				r.Name = newName(names)
			}
			names[r.Name] = true
			keep[r.ID] = true
			pos := float64(i + 1)
			if old, _, _, ok := p.Robot(r.ID); !ok || old.Pos != pos || !Equal(old, r) {
				d.put(r.ID, sc.Stage, pos, r)
			}
			all = append(all, r)
		}
		for _, r := range p.Robots(sc.Stage) {
			if !keep[r.ID] {
				d.del(r.ID)
			}
		}
		if sc.Meta != nil && !metaEqual(p.Template(sc.Stage).Meta, *sc.Meta) {
			d.meta(sc.Stage, *sc.Meta)
		}
	}
	return d.done(all), nil
}

// Batch runs several commands as one change: one undo step.
type Batch struct {
	Label    string
	Commands []Command
}

// Change implements Command. Each command is planned against the state the previous ones
// leave, which the batch applies and then rolls back before returning.
func (c Batch) Change(p *Project) (ch Change, err error) {
	ch.Label = c.Label
	var undo [][]Op
	defer func() {
		for i := len(undo) - 1; i >= 0; i-- {
			if rerr := p.Apply(undo[i]); rerr != nil && err == nil {
				err = fmt.Errorf("%s: roll back: %w", c.Label, rerr)
			}
		}
	}()
	for _, cmd := range c.Commands {
		sub, err := cmd.Change(p)
		if err != nil {
			return Change{}, err
		}
		if err := p.Apply(sub.Do); err != nil {
			return Change{}, fmt.Errorf("%s: %w", c.Label, err)
		}
		undo = append(undo, sub.Undo)
		ch.Do = append(ch.Do, sub.Do...)
		ch.Count += sub.Count
		if ch.Subject == "" && sub.Count == 1 {
			ch.Subject = sub.Subject
		}
	}
	for i := len(undo) - 1; i >= 0; i-- {
		ch.Undo = append(ch.Undo, undo[i]...)
	}
	if ch.Count != 1 {
		ch.Subject = ""
	}
	return ch, nil
}

func (p *Project) namesIn(ref StageRef) map[string]bool {
	names := map[string]bool{}
	for _, r := range p.Robots(ref) {
		names[r.Name] = true
		if r.DelayName != "" {
			names[r.DelayName] = true
		}
	}
	return names
}

// RenameRefs rewrites return-value references {=Old:Prop} and {{~Old:Prop}} in every text of a
// robot, for robots copied together.
func RenameRefs(r *Robot, renames map[string]string) {
	if len(renames) == 0 {
		return
	}
	rw := func(s string) string {
		if !strings.Contains(s, "{") {
			return s
		}
		for old, nw := range renames {
			s = strings.ReplaceAll(s, "{="+old+":", "{="+nw+":")
			s = strings.ReplaceAll(s, "{{~"+old+":", "{{~"+nw+":")
		}
		return s
	}
	r.Properties = mapStrings(map[string]any(r.Properties), rw).(map[string]any)
	if r.Condition != nil {
		for i := range r.Condition.Items {
			r.Condition.Items[i].Value = mapStrings(r.Condition.Items[i].Value, rw)
		}
	}
	if r.Delay != nil {
		r.Delay.Basis = rw(r.Delay.Basis)
	}
}

// mapStrings applies f to every string inside a decoded JSON value.
func mapStrings(v any, f func(string) string) any {
	switch t := v.(type) {
	case string:
		return f(t)
	case map[string]any:
		for k, x := range t {
			t[k] = mapStrings(x, f)
		}
		return t
	case Properties:
		return mapStrings(map[string]any(t), f)
	case []any:
		for i, x := range t {
			t[i] = mapStrings(x, f)
		}
		return t
	}
	return v
}
