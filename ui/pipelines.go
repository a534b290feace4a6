package ui

import (
	"sort"
	"strings"

	"robodesk/model"
)

// pipelineItem is one entry of the header's pipeline selector.
type pipelineItem struct {
	Key   model.PipelineKey
	Label string
}

// pipelineItems lists the portal's pipelines the way the selector offers them: leads first,
// then each deal funnel, then smart processes, each entity's funnels in their sort order.
// An entity with one funnel shows just its title («Лиды»); others show «Сделки: Продажи».
func pipelineItems(p *model.Portal) []pipelineItem {
	if p == nil {
		return nil
	}
	rank := func(e *model.Entity) int {
		switch {
		case e.ID == "LEAD":
			return 0
		case e.ID == "DEAL":
			return 1
		case strings.HasPrefix(e.ID, "DYNAMIC_"):
			return 2
		}
		return 3
	}
	ents := append([]*model.Entity(nil), p.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return rank(ents[i]) < rank(ents[j]) })
	var out []pipelineItem
	for _, e := range ents {
		pls := append([]*model.Pipeline(nil), e.Pipelines...)
		sort.SliceStable(pls, func(i, j int) bool { return pls[i].Sort < pls[j].Sort })
		for _, pl := range pls {
			label := e.Title
			if len(pls) > 1 || e.ID != "LEAD" && pl.Name != "" && pl.Name != e.Title {
				label = e.Title + ": " + pl.Name
			}
			out = append(out, pipelineItem{Key: e.Key(pl), Label: label})
		}
	}
	return out
}

// pipelineStages returns a pipeline's stages in their sort order.
func pipelineStages(pl *model.Pipeline) []model.Stage {
	st := append([]model.Stage(nil), pl.Stages...)
	sort.SliceStable(st, func(i, j int) bool { return st[i].Sort < st[j].Sort })
	return st
}
