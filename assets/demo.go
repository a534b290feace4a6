package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"robodesk/model"
	"robodesk/model/exchange"
)

//go:embed demo/*.json
var demo embed.FS

// DemoName is the demo project's name.
const DemoName = "ТоргДом (демо)"

// demoFiles maps the demo's robot files to their pipelines.
var demoFiles = []struct{ file, key string }{
	{"lead.json", "LEAD"},
	{"deal-0.json", "DEAL:0"},
	{"deal-1.json", "DEAL:1"},
	{"dynamic_128-5.json", "DYNAMIC_128:5"},
}

// Demo returns the demo portal snapshot and the command that fills its stages: robots taken
// from Bitrix24's help articles, in Bitrix24's own templates format, plus stage triggers.
func Demo() (*model.Portal, model.Command, error) {
	var portal model.Portal
	if err := readJSON("demo/portal.json", &portal); err != nil {
		return nil, nil, err
	}
	p := model.NewProject(&portal)
	var all model.Replace
	all.Label = "demo"
	for _, f := range demoFiles {
		key, err := model.ParsePipelineKey(f.key)
		if err != nil {
			return nil, nil, err
		}
		data, err := demo.ReadFile("demo/" + f.file)
		if err != nil {
			return nil, nil, err
		}
		cmd, err := exchange.Import(p, key, data)
		if err != nil {
			return nil, nil, fmt.Errorf("demo %s: %w", f.file, err)
		}
		all.Stages = append(all.Stages, cmd.Stages...)
	}
	var triggers map[string][]model.Trigger
	if err := readJSON("demo/triggers.json", &triggers); err != nil {
		return nil, nil, err
	}
	for ref, ts := range triggers {
		entity, status, _ := strings.Cut(ref, "/")
		sr := model.StageRef{Entity: entity, Status: status}
		found := false
		for i := range all.Stages {
			if all.Stages[i].Stage == sr {
				all.Stages[i].Meta.Triggers = ts
				found = true
			}
		}
		if !found {
			all.Stages = append(all.Stages, model.StageContent{Stage: sr, Meta: &model.StageMeta{Triggers: ts}})
		}
	}
	return &portal, all, nil
}

// DemoProject is the demo portal with its robots in place, in memory.
func DemoProject() (*model.Project, error) {
	portal, content, err := Demo()
	if err != nil {
		return nil, err
	}
	p := model.NewProject(portal)
	ch, err := content.Change(p)
	if err != nil {
		return nil, fmt.Errorf("demo robots: %w", err)
	}
	if err := p.Apply(ch.Do); err != nil {
		return nil, fmt.Errorf("demo robots: %w", err)
	}
	return p, nil
}

func readJSON(name string, v any) error {
	data, err := demo.ReadFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
