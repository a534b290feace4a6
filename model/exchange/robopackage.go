package exchange

import (
	"fmt"
	"sort"
	"strings"

	"robodesk/model"
	"robodesk/model/catalog"
)

// roboPackage is Bitrix24's RoboPackage: makePackageData() of one stage template.
type roboPackage struct {
	DocumentType         [3]string                `json:"DOCUMENT_TYPE"`
	DocumentStatus       string                   `json:"DOCUMENT_STATUS"`
	Name                 string                   `json:"NAME"`
	Description          string                   `json:"DESCRIPTION"`
	Parameters           []any                    `json:"PARAMETERS"`
	Variables            []any                    `json:"VARIABLES"`
	Constants            []any                    `json:"CONSTANTS"`
	SystemCode           string                   `json:"SYSTEM_CODE"`
	OriginatorID         string                   `json:"ORIGINATOR_ID"`
	OriginID             string                   `json:"ORIGIN_ID"`
	Robots               []*model.Robot           `json:"ROBOTS"`
	DocumentFields       map[string]documentField `json:"DOCUMENT_FIELDS"`
	RequiredApplications []string                 `json:"REQUIRED_APPLICATIONS"`
}

// documentField is a field description as bizproc document services give it.
type documentField struct {
	Name     string            `json:"Name"`
	Type     string            `json:"Type"`
	Multiple bool              `json:"Multiple"`
	Required bool              `json:"Required"`
	Options  map[string]string `json:"Options,omitempty"`
}

func exportPackage(p *model.Project, e *model.Entity, pl *model.Pipeline, status string) ([]byte, error) {
	var st *model.Stage
	for i := range pl.Stages {
		if pl.Stages[i].StatusID == status {
			st = &pl.Stages[i]
		}
	}
	if st == nil {
		return nil, fmt.Errorf("stage %q is not in pipeline %s", status, e.Key(pl))
	}
	robots := p.Robots(model.StageRef{Entity: e.ID, Status: status})
	if robots == nil {
		robots = []*model.Robot{}
	}
	pkg := roboPackage{
		DocumentType:   model.DocumentType(e.ID),
		DocumentStatus: status,
		Name:           st.Name,
		Parameters:     []any{},
		Variables:      []any{},
		Constants:      []any{},
		SystemCode:     "bitrix_bizproc_automation",
		Robots:         robots,
		DocumentFields: usedFields(e, robots),
	}
	apps := map[string]bool{}
	for _, r := range robots {
		if strings.HasPrefix(r.Type, "rest_") {
			apps[r.Type] = true
		}
	}
	pkg.RequiredApplications = make([]string, 0, len(apps))
	for a := range apps {
		pkg.RequiredApplications = append(pkg.RequiredApplications, a)
	}
	sort.Strings(pkg.RequiredApplications)
	return indent(pkg)
}

// usedFields describes every document field the robots read: placeholders, conditions and
// delay bases, as Bitrix24 bundles them so the target portal can check them.
func usedFields(e *model.Entity, robots []*model.Robot) map[string]documentField {
	ids := map[string]bool{}
	for _, r := range robots {
		r.Texts(func(_, text string) {
			for _, ph := range model.Placeholders(text) {
				if strings.EqualFold(ph.Object, "Document") {
					ids[strings.TrimSuffix(ph.Field, "_PRINTABLE")] = true
				}
			}
		})
		if r.Condition != nil {
			for _, it := range r.Condition.Items {
				if strings.EqualFold(it.Object, "Document") {
					ids[it.Field] = true
				}
			}
		}
		if f := r.Delay.BasisField(); f != "" {
			ids[f] = true
		}
		if e := catalog.Lookup(r.Type, r.Properties); e != nil {
			for _, p := range e.Props {
				if p.Kind == catalog.Field {
					if v, _ := catalog.GetPath(r.Properties, p.Key); v != nil {
						ids[fmt.Sprint(v)] = true
					}
				}
			}
		}
	}
	out := map[string]documentField{}
	for id := range ids {
		f, ok := e.Field(id)
		if !ok {
			continue
		}
		df := documentField{Name: f.Title, Type: f.Type, Multiple: f.Multiple, Required: f.Required}
		if len(f.Options) > 0 {
			df.Options = map[string]string{}
			for _, o := range f.Options {
				df.Options[o.ID] = o.Title
			}
		}
		out[id] = df
	}
	return out
}

// decodePackage reads a RoboPackage; its document type must be the pipeline's entity.
func decodePackage(data []byte, entity string) (stageTemplate, error) {
	m, err := model.DecodeObject(data, "")
	if err != nil {
		return stageTemplate{}, err
	}
	if raw, ok := m["DOCUMENT_TYPE"]; ok {
		parts, err := model.DecodeArray(raw, "DOCUMENT_TYPE")
		if err != nil {
			return stageTemplate{}, err
		}
		if len(parts) != 3 {
			return stageTemplate{}, &model.PathError{Path: "DOCUMENT_TYPE", Msg: "expected [module, class, type]"}
		}
		typ, err := model.DecodeString(parts[2], "DOCUMENT_TYPE[2]")
		if err != nil {
			return stageTemplate{}, err
		}
		if typ != entity {
			return stageTemplate{}, &model.PathError{Path: "DOCUMENT_TYPE[2]", Msg: fmt.Sprintf("package is for %s, the pipeline is %s", typ, entity)}
		}
	}
	// A package has the stage members of a templates entry, plus descriptive ones.
	return decodeStage(data, "")
}
