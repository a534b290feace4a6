package lint

import (
	"sort"
	"strings"

	"robodesk/model"
)

const changeStatus = "CrmChangeStatusActivity"

// changeSelf flags a change-stage robot that targets its own stage: the item is already there,
// so the robot does nothing.
func (l *linter) changeSelf(ref model.StageRef, r *model.Robot) {
	if r.Type != changeStatus || !r.Activated {
		return
	}
	if target, _ := r.Properties["TargetStatus"].(string); target == ref.Status {
		l.add(model.SevWarning, ref, r, "TargetStatus", CodeStageSelf,
			"the robot moves the item to the stage it is already in, which does nothing", "stage", target)
	}
}

// edge is a change-stage robot: it moves items from one stage to another.
type edge struct {
	from, to string
	robot    *model.Robot
}

// loops finds cycles of change-stage robots within each entity: items that reach any stage of
// the cycle are moved around it for ever. Each cycle is reported once, on its first robot; it
// is an error when no robot on it has a condition that could break it.
func (l *linter) loops() {
	byEntity := map[string]map[string][]edge{}
	for _, ref := range l.p.Stages() {
		for _, r := range l.p.Robots(ref) {
			if r.Type != changeStatus || !r.Activated {
				continue
			}
			target, _ := r.Properties["TargetStatus"].(string)
			if target == "" || target == ref.Status || strings.Contains(target, "{=") {
				continue
			}
			if byEntity[ref.Entity] == nil {
				byEntity[ref.Entity] = map[string][]edge{}
			}
			byEntity[ref.Entity][ref.Status] = append(byEntity[ref.Entity][ref.Status], edge{ref.Status, target, r})
		}
	}
	entities := make([]string, 0, len(byEntity))
	for e := range byEntity {
		entities = append(entities, e)
	}
	sort.Strings(entities)
	for _, entity := range entities {
		for _, cycle := range cycles(byEntity[entity], l.stageRank(entity)) {
			l.reportLoop(entity, cycle)
		}
	}
}

// stageRank orders an entity's stages as its pipelines show them; unknown stages come last.
func (l *linter) stageRank(entity string) func(string) int {
	rank := map[string]int{}
	if e := l.p.Portal.Entity(entity); e != nil {
		for _, pl := range e.Pipelines {
			stages := append([]model.Stage(nil), pl.Stages...)
			sort.SliceStable(stages, func(i, j int) bool { return stages[i].Sort < stages[j].Sort })
			for _, s := range stages {
				rank[s.StatusID] = len(rank)
			}
		}
	}
	return func(id string) int {
		if r, ok := rank[id]; ok {
			return r
		}
		return 1 << 20
	}
}

// cycles lists the elementary cycles of a small graph, each once: a cycle is found from its
// first stage in pipeline order only.
func cycles(graph map[string][]edge, rank func(string) int) [][]edge {
	nodes := make([]string, 0, len(graph))
	for n := range graph {
		nodes = append(nodes, n)
	}
	less := func(a, b string) bool {
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a < b
	}
	sort.Slice(nodes, func(i, j int) bool { return less(nodes[i], nodes[j]) })
	var out [][]edge
	for _, start := range nodes {
		var path []edge
		onPath := map[string]bool{start: true}
		var walk func(at string)
		walk = func(at string) {
			for _, e := range graph[at] {
				switch {
				case e.to == start:
					out = append(out, append(append([]edge(nil), path...), e))
				case less(start, e.to) && !onPath[e.to]:
					onPath[e.to] = true
					path = append(path, e)
					walk(e.to)
					path = path[:len(path)-1]
					onPath[e.to] = false
				}
			}
		}
		walk(start)
	}
	return out
}

func (l *linter) reportLoop(entity string, cycle []edge) {
	names := []string{l.stageName(entity, cycle[0].from)}
	ids := []string{cycle[0].from}
	var robots []string
	conditional := false
	for _, e := range cycle {
		names = append(names, l.stageName(entity, e.to))
		ids = append(ids, e.to)
		robots = append(robots, quote(e.robot.Title()))
		if e.robot.Condition != nil && len(e.robot.Condition.Items) > 0 {
			conditional = true
		}
	}
	sev := model.SevError
	msg := "robots move items around a loop of stages for ever: " + strings.Join(quoteList(names), " → ") + " (" + strings.Join(robots, ", ") + ")"
	if conditional {
		sev = model.SevWarning
		msg += "; only their conditions can stop it"
	}
	first := cycle[0]
	l.add(sev, model.StageRef{Entity: entity, Status: first.from}, first.robot, "TargetStatus", CodeStageLoop, msg,
		"path", strings.Join(ids, " → "))
}

func quoteList(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = quote(s)
	}
	return out
}
