// Package exchange reads and writes robots in Bitrix24's own file formats: the robot editor's
// templates JSON (one pipeline, every stage) and RoboPackage (one stage).
package exchange

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"robodesk/model"
)

// Format is a file format.
type Format string

// Formats.
const (
	// Templates is the editor's templates_json: [{ID, DOCUMENT_STATUS, IS_EXTERNAL_MODIFIED, ROBOTS}].
	Templates Format = "templates"
	// RoboPackage is one stage template as Bitrix24 packs it for smart-scenario and
	// configuration export.
	RoboPackage Format = "robopackage"
)

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch Format(strings.ToLower(s)) {
	case Templates, "":
		return Templates, nil
	case RoboPackage:
		return RoboPackage, nil
	}
	return "", fmt.Errorf("format %q: use templates or robopackage", s)
}

// stageTemplate is one element of a templates file.
type stageTemplate struct {
	ID               int            `json:"ID"`
	DocumentStatus   string         `json:"DOCUMENT_STATUS"`
	ExternalModified bool           `json:"IS_EXTERNAL_MODIFIED"`
	Robots           []*model.Robot `json:"ROBOTS"`
}

// Export writes a pipeline's robots. Templates covers every stage in stage order; RoboPackage
// needs one stage.
func Export(p *model.Project, key model.PipelineKey, f Format, stage string) ([]byte, error) {
	e, pl, err := p.Portal.Pipeline(key)
	if err != nil {
		return nil, err
	}
	switch f {
	case Templates, "":
		var out []stageTemplate
		for _, st := range pl.Stages {
			if stage != "" && st.StatusID != stage {
				continue
			}
			t := p.Template(model.StageRef{Entity: e.ID, Status: st.StatusID})
			robots := t.Robots
			if robots == nil {
				robots = []*model.Robot{}
			}
			out = append(out, stageTemplate{ID: t.Meta.TemplateID, DocumentStatus: st.StatusID, ExternalModified: t.Meta.ExternalModified, Robots: robots})
		}
		if stage != "" && len(out) == 0 {
			return nil, fmt.Errorf("stage %q is not in pipeline %s", stage, key)
		}
		return indent(out)
	case RoboPackage:
		if stage == "" {
			return nil, errors.New("robopackage holds one stage: name it with --stage")
		}
		return exportPackage(p, e, pl, stage)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

func indent(v any) ([]byte, error) {
	data, err := model.MarshalValue(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Indent(&b, data, "", "  "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Import reads a templates or RoboPackage file (plain or zlib-compressed, as Bitrix24 packs it)
// for a pipeline and returns the command that replaces the robots of the stages in the file.
// Nothing is changed here: a file with any error yields no command at all.
func Import(p *model.Project, key model.PipelineKey, data []byte) (model.Replace, error) {
	e, pl, err := p.Portal.Pipeline(key)
	if err != nil {
		return model.Replace{}, err
	}
	data, err = inflate(data)
	if err != nil {
		return model.Replace{}, err
	}
	if err := syntaxCheck(data); err != nil {
		return model.Replace{}, err
	}
	trimmed := bytes.TrimSpace(data)
	var stages []stageTemplate
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[':
		stages, err = decodeTemplates(trimmed)
	case len(trimmed) > 0 && trimmed[0] == '{':
		var st stageTemplate
		st, err = decodePackage(trimmed, e.ID)
		stages = []stageTemplate{st}
	default:
		err = errors.New("expected a templates array or a RoboPackage object")
	}
	if err != nil {
		return model.Replace{}, err
	}
	cmd := model.Replace{Label: "import"}
	seen := map[string]int{}
	for i, st := range stages {
		path := model.JoinPath(model.IndexPath("", i), "DOCUMENT_STATUS")
		if len(stages) == 1 && trimmed[0] == '{' {
			path = "DOCUMENT_STATUS"
		}
		if !hasStage(pl, st.DocumentStatus) {
			return model.Replace{}, &model.PathError{Path: path, Msg: fmt.Sprintf("stage %q is not in pipeline %s", st.DocumentStatus, key)}
		}
		if j, dup := seen[st.DocumentStatus]; dup {
			return model.Replace{}, &model.PathError{Path: path, Msg: fmt.Sprintf("stage %q already given at [%d]", st.DocumentStatus, j)}
		}
		seen[st.DocumentStatus] = i
		ref := model.StageRef{Entity: e.ID, Status: st.DocumentStatus}
		meta := p.Template(ref).Meta
		meta.TemplateID, meta.ExternalModified = st.ID, st.ExternalModified
		cmd.Stages = append(cmd.Stages, model.StageContent{Stage: ref, Meta: &meta, Robots: st.Robots})
	}
	return cmd, nil
}

func hasStage(pl *model.Pipeline, status string) bool {
	for _, s := range pl.Stages {
		if s.StatusID == status {
			return true
		}
	}
	return false
}

// inflate unpacks zlib data (Bitrix24's gzcompress); other data passes through.
func inflate(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x78 {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return data, nil
	}
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("unpack compressed file: %w", err)
	}
	return out, nil
}

// syntaxCheck reports malformed JSON with its line and column.
func syntaxCheck(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty file")
	}
	if json.Valid(data) {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := position(data, se.Offset)
		return fmt.Errorf("line %d, column %d: %v", line, col, se)
	}
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	return errors.New("not JSON")
}

func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func decodeTemplates(data []byte) ([]stageTemplate, error) {
	items, err := model.DecodeArray(data, "")
	if err != nil {
		return nil, err
	}
	out := make([]stageTemplate, 0, len(items))
	for i, raw := range items {
		st, err := decodeStage(raw, model.IndexPath("", i))
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// decodeStage reads {ID, DOCUMENT_STATUS, IS_EXTERNAL_MODIFIED, ROBOTS} at path.
func decodeStage(raw []byte, path string) (stageTemplate, error) {
	var st stageTemplate
	m, err := model.DecodeObject(raw, path)
	if err != nil {
		return st, err
	}
	if s, ok := m["DOCUMENT_STATUS"]; ok {
		if st.DocumentStatus, err = model.DecodeString(s, model.JoinPath(path, "DOCUMENT_STATUS")); err != nil {
			return st, err
		}
	}
	if st.DocumentStatus == "" {
		return st, &model.PathError{Path: model.JoinPath(path, "DOCUMENT_STATUS"), Msg: "missing stage"}
	}
	if id, ok := m["ID"]; ok && string(bytes.TrimSpace(id)) != "null" {
		var n json.Number
		if err := json.Unmarshal(id, &n); err != nil {
			var s string
			if json.Unmarshal(id, &s) != nil {
				return st, &model.PathError{Path: model.JoinPath(path, "ID"), Msg: "expected a number"}
			}
			n = json.Number(s)
		}
		if n != "" {
			v, err := n.Int64()
			if err != nil {
				return st, &model.PathError{Path: model.JoinPath(path, "ID"), Msg: fmt.Sprintf("%q is not a template ID", n)}
			}
			st.ID = int(v)
		}
	}
	if x, ok := m["IS_EXTERNAL_MODIFIED"]; ok {
		switch strings.Trim(string(bytes.TrimSpace(x)), `"`) {
		case "true", "Y", "1":
			st.ExternalModified = true
		case "false", "N", "0", "", "null":
		default:
			return st, &model.PathError{Path: model.JoinPath(path, "IS_EXTERNAL_MODIFIED"), Msg: "expected true or false"}
		}
	}
	robots, ok := m["ROBOTS"]
	if !ok || string(bytes.TrimSpace(robots)) == "null" {
		st.Robots = []*model.Robot{}
		return st, nil
	}
	items, err := model.DecodeArray(robots, model.JoinPath(path, "ROBOTS"))
	if err != nil {
		return st, err
	}
	st.Robots = make([]*model.Robot, 0, len(items))
	for i, r := range items {
		robot, err := model.DecodeRobot(r, model.IndexPath(model.JoinPath(path, "ROBOTS"), i))
		if err != nil {
			return st, err
		}
		st.Robots = append(st.Robots, robot)
	}
	return st, nil
}
