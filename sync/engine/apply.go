package engine

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/sync/bitrix24"
	"robodesk/sync/plan"
	"robodesk/sync/pull"
)

// ErrStale is matched by a *StaleError.
var ErrStale = errors.New("the plan is out of date")

// StaleError refuses a plan made against a portal or a project that has changed since: the
// stages the portal changed (another revision) and those edited in the project. Nothing was
// applied; pull and plan again.
type StaleError struct {
	Remote []model.StageRef
	Local  []model.StageRef
}

// Error names the stages.
func (e *StaleError) Error() string {
	var parts []string
	if len(e.Remote) > 0 {
		parts = append(parts, "the portal changed "+refs(e.Remote))
	}
	if len(e.Local) > 0 {
		parts = append(parts, "the project changed "+refs(e.Local))
	}
	return ErrStale.Error() + ": " + strings.Join(parts, "; ") + " since it was made; pull and plan again"
}

// Is makes errors.Is(err, ErrStale) hold.
func (e *StaleError) Is(target error) bool { return target == ErrStale }

func refs(rs []model.StageRef) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return strings.Join(out, ", ")
}

// Apply carries out a plan, stage by stage: it writes the merged robots to the portal with the
// revision the plan was made against, takes the portal's changes into the project as one
// undoable edit ("sync"), and records each applied stage's new base. Stages already in
// agreement get their base recorded too.
//
// Before writing anything it checks that neither the portal nor the project changed since the
// plan; if they did, nothing is applied and the error is a *StaleError. A plan with unresolved
// conflicts is refused (plan.ErrUnresolved). Cancelling ctx stops between stages. A stage that
// fails is reported in Result.NotApplied with the reason, and has no new base: running the sync
// again finishes it. The error is for the apply as a whole; per-stage failures are in the
// result. progress, if not nil, is told how many of the stages with something to do are done;
// it is called on the applying goroutine.
func (e *Engine) Apply(ctx context.Context, doc plan.Doc, p *plan.Plan, progress func(done, total int)) (*plan.Result, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	if p.NoConnector {
		return nil, fmt.Errorf("%s: %w", p.Host, bitrix24.ErrNoConnector)
	}
	c, host, err := e.connected(ctx, doc)
	if err != nil {
		return nil, err
	}
	if host != p.Host {
		return nil, fmt.Errorf("the plan is for %s, but %s is connected", p.Host, host)
	}
	if n := p.Unresolved(); n > 0 {
		return nil, fmt.Errorf("%d %w: choose mine or theirs for each", n, plan.ErrUnresolved)
	}
	var work, agreed []*plan.Stage
	for _, s := range p.Stages {
		switch {
		case s.Blocked != "":
		case s.NeedsPush() || s.NeedsTake():
			work = append(work, s)
		default:
			agreed = append(agreed, s)
		}
	}
	if err := e.checkFresh(ctx, c, doc, work); err != nil {
		return nil, err
	}

	res := &plan.Result{Host: host}
	total := len(work)
	progress(0, total)
	type done struct {
		s        *plan.Stage
		out      plan.Outcome
		merged   []*model.Robot
		revision string
	}
	var ready []done
	var takes []model.StageContent
	expect := map[model.StageRef][]*model.Robot{}
	for i, s := range work {
		if ctx.Err() != nil {
			res.Cancelled = true
			for _, rest := range work[i:] {
				res.NotApplied = append(res.NotApplied, plan.Outcome{Stage: rest.Ref, Reason: "cancelled", Err: ctx.Err()})
			}
			break
		}
		merged, _ := s.Merged() // Unresolved() was 0 above
		d := done{s: s, out: plan.Outcome{Stage: s.Ref, Revision: s.Revision}, merged: merged, revision: s.Revision}
		if s.NeedsPush() {
			rev, err := e.push(ctx, c, s, merged)
			if err != nil {
				res.NotApplied = append(res.NotApplied, plan.Outcome{Stage: s.Ref, Reason: reason(err), Err: err})
				if fatal(err) {
					if ctx.Err() != nil {
						res.Cancelled = true
					}
					for _, rest := range work[i+1:] {
						res.NotApplied = append(res.NotApplied, plan.Outcome{Stage: rest.Ref, Reason: "not attempted: " + reason(err), Err: err})
					}
					break
				}
				progress(i+1, total)
				continue
			}
			d.revision, d.out.Pushed, d.out.Revision = rev, true, rev
		}
		if s.NeedsTake() {
			takes = append(takes, model.StageContent{Stage: s.Ref, Robots: merged})
			expect[s.Ref] = s.Local()
			d.out.Taken = true
		}
		ready = append(ready, d)
		progress(i+1, total)
	}

	// The portal's changes come into the project as one edit, and only into stages nobody
	// edited meanwhile: a local edit is never overwritten.
	refused := map[model.StageRef]string{}
	if len(takes) > 0 {
		g := &guarded{expect: expect, inner: model.Replace{Label: "sync", Stages: takes}}
		if _, err := doc.Do(g); err != nil {
			for _, t := range takes {
				refused[t.Stage] = "the portal's changes could not be saved into the project: " + err.Error()
			}
		}
		for ref, why := range g.skipped {
			refused[ref] = why
		}
	}
	now := e.opts.Now()
	for _, d := range ready {
		if why, ok := refused[d.s.Ref]; ok {
			d.out.Taken, d.out.Reason = false, why
			if d.out.Pushed {
				d.out.Reason += " (the portal already has the merged robots; run the sync again)"
			}
			res.NotApplied = append(res.NotApplied, d.out)
			continue
		}
		if err := writeBase(doc, host, d.s.Ref, d.revision, d.merged, now); err != nil {
			d.out.Reason, d.out.Err = err.Error(), err
			res.NotApplied = append(res.NotApplied, d.out)
			continue
		}
		res.Applied = append(res.Applied, d.out)
		e.log.Info("sync: stage applied", "portal", host, "stage", d.s.Ref.String(), "pushed", d.out.Pushed,
			"taken", d.out.Taken, "revision", d.revision)
	}
	for _, s := range agreed {
		recorded, err := e.adopt(doc, host, s, now)
		if err != nil {
			return res, err
		}
		if recorded {
			res.Recorded++
		}
	}
	sort.SliceStable(res.NotApplied, func(i, j int) bool { return order(p, res.NotApplied[i].Stage) < order(p, res.NotApplied[j].Stage) })
	if err := updateState(doc, func(st *State) {
		st.Host, st.LastSync = host, now.UTC()
	}); err != nil {
		return res, err
	}
	return res, nil
}

func order(p *plan.Plan, ref model.StageRef) int {
	for i, s := range p.Stages {
		if s.Ref == ref {
			return i
		}
	}
	return len(p.Stages)
}

// push writes one stage's merged robots under the plan's revision.
func (e *Engine) push(ctx context.Context, c *bitrix24.Client, s *plan.Stage, merged []*model.Robot) (string, error) {
	raw, err := plan.EncodeRobots(merged)
	if err != nil {
		return "", fmt.Errorf("%s: %w", s.Ref, err)
	}
	rev, err := pull.SetTemplate(ctx, c, s.Ref.Entity, s.Ref.Status, s.Revision, raw)
	if err != nil {
		return "", fmt.Errorf("write robots of %s: %w", s.Ref, err)
	}
	return rev, nil
}

// reason says in a line why a stage was not applied.
func reason(err error) string {
	var conflict *pull.ConflictError
	switch {
	case errors.As(err, &conflict):
		return fmt.Sprintf("the portal changed the stage since the plan (revision %s, the plan was made against %s)", conflict.Current, conflict.Expected)
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case bitrix24.CodeOf(err) == bitrix24.CodeExternalModified:
		return plan.BlockedExternal
	}
	return err.Error()
}

// fatal errors stop the apply: the rest of the stages would fail the same way (no network,
// credentials refused, cancelled). Errors about one stage let the others go on.
func fatal(err error) bool {
	var conflict *pull.ConflictError
	if errors.As(err, &conflict) {
		return false
	}
	switch bitrix24.CodeOf(err) {
	case bitrix24.CodeStageNotFound, bitrix24.CodeExternalModified, bitrix24.CodeArgument, bitrix24.CodeDocumentType, bitrix24.CodeNotFound:
		return false
	}
	return true
}

// checkFresh refuses a plan the portal or the project has moved past, before anything is
// written: one batch reads the revisions of the pipelines concerned.
func (e *Engine) checkFresh(ctx context.Context, c *bitrix24.Client, doc plan.Doc, work []*plan.Stage) error {
	if len(work) == 0 {
		return nil
	}
	stale := &StaleError{}
	proj := doc.Project()
	for _, s := range work {
		if !plan.SameRobots(proj.Robots(s.Ref), s.Local()) {
			stale.Local = append(stale.Local, s.Ref)
		}
	}
	// Only the pipelines with work are read, from the project's snapshot (saved by the pull).
	sub := &model.Portal{}
	entities := map[string]*model.Entity{}
	pipes := map[string]bool{}
	for _, s := range work {
		e, pl, _, err := proj.Portal.Stage(s.Ref)
		if err != nil {
			continue
		}
		key := e.Key(pl).String()
		if pipes[key] {
			continue
		}
		pipes[key] = true
		ent := entities[e.ID]
		if ent == nil {
			ent = &model.Entity{ID: e.ID, TypeID: e.TypeID}
			entities[e.ID] = ent
			sub.Entities = append(sub.Entities, ent)
		}
		ent.Pipelines = append(ent.Pipelines, pl)
	}
	now, err := pull.ListAll(ctx, c, sub)
	if err != nil {
		return fmt.Errorf("check the portal's revisions: %w", err)
	}
	for _, s := range work {
		if t, ok := now[s.Ref]; !ok || t.Revision != s.Revision {
			stale.Remote = append(stale.Remote, s.Ref)
		}
	}
	if len(stale.Remote)+len(stale.Local) > 0 {
		return stale
	}
	return nil
}

// adopt records the base of a stage on which the project and the portal agree, unless it is
// recorded already.
func (e *Engine) adopt(doc plan.Doc, host string, s *plan.Stage, now time.Time) (bool, error) {
	remote := s.Remote()
	if b, base, ok := readBase(doc, host, s.Ref); ok && b.Revision == s.Revision && plan.SameRobots(base, remote) {
		return false, nil
	}
	if len(remote) == 0 && !s.Synced && s.Revision == "0" {
		return false, nil // an empty stage never written: nothing to remember
	}
	if err := writeBase(doc, host, s.Ref, s.Revision, remote, now); err != nil {
		return false, err
	}
	return true, nil
}

// guarded replaces stages only where the project still holds the robots the plan was made
// from; the others are left alone and reported in skipped. It runs under the store's lock, so
// no edit can slip in between the check and the change.
type guarded struct {
	expect  map[model.StageRef][]*model.Robot
	inner   model.Replace
	skipped map[model.StageRef]string
}

// Change implements model.Command.
func (g *guarded) Change(p *model.Project) (model.Change, error) {
	g.skipped = map[model.StageRef]string{}
	r := g.inner
	r.Stages = nil
	for _, sc := range g.inner.Stages {
		if !plan.SameRobots(p.Robots(sc.Stage), g.expect[sc.Stage]) {
			g.skipped[sc.Stage] = "the stage was edited in the project since the plan; its edits are kept"
			continue
		}
		if p.Portal != nil && p.Portal.Entity(sc.Stage.Entity) != nil {
			if _, _, _, err := p.Portal.Stage(sc.Stage); err != nil {
				g.skipped[sc.Stage] = "the project's portal snapshot lacks the stage; pull first"
				continue
			}
		}
		r.Stages = append(r.Stages, sc)
	}
	if len(r.Stages) == 0 {
		return model.Change{Label: r.Label}, nil
	}
	return r.Change(p)
}
