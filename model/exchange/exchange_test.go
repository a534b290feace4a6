package exchange_test

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"robodesk/assets"
	"robodesk/model"
	"robodesk/model/exchange"
)

// demoProject is the demo portal with its robots applied.
func demoProject(t testing.TB) *model.Project {
	t.Helper()
	p, err := assets.DemoProject()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func importInto(t *testing.T, p *model.Project, key string, data []byte) model.Change {
	t.Helper()
	k, err := model.ParsePipelineKey(key)
	if err != nil {
		t.Fatal(err)
	}
	cmd, err := exchange.Import(p, k, data)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	ch, err := cmd.Change(p)
	if err != nil {
		t.Fatalf("change: %v", err)
	}
	if err := p.Apply(ch.Do); err != nil {
		t.Fatalf("apply: %v", err)
	}
	return ch
}

func jsonValue(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%v in %s", err, data)
	}
	return v
}

// TestRoundTrip: every catalog robot type, an unknown app robot with unknown top-level keys,
// delays, conditions with activityNames: import then export gives the same JSON values.
func TestRoundTrip(t *testing.T) {
	in, err := os.ReadFile("testdata/all_types.json")
	if err != nil {
		t.Fatal(err)
	}
	p := demoProject(t)
	importInto(t, p, "DEAL:0", in)
	out, err := exchange.Export(p, model.PipelineKey{Entity: "DEAL", Category: 0}, exchange.Templates, "")
	if err != nil {
		t.Fatal(err)
	}
	want, got := jsonValue(t, in), jsonValue(t, out)
	if !reflect.DeepEqual(want, got) {
		wa, _ := json.MarshalIndent(want, "", " ")
		ga, _ := json.MarshalIndent(got, "", " ")
		t.Fatalf("round trip differs\nwant %s\ngot  %s", firstDiff(string(wa), string(ga)), firstDiff(string(ga), string(wa)))
	}
	// And once more through the robot package format, stage by stage.
	for _, st := range want.([]any) {
		status := st.(map[string]any)["DOCUMENT_STATUS"].(string)
		pkg, err := exchange.Export(p, model.PipelineKey{Entity: "DEAL"}, exchange.RoboPackage, status)
		if err != nil {
			t.Fatal(err)
		}
		q := demoProject(t)
		importInto(t, q, "DEAL:0", pkg)
		again, err := exchange.Export(q, model.PipelineKey{Entity: "DEAL"}, exchange.Templates, status)
		if err != nil {
			t.Fatal(err)
		}
		robots := jsonValue(t, again).([]any)[0].(map[string]any)["ROBOTS"]
		if !reflect.DeepEqual(robots, st.(map[string]any)["ROBOTS"]) {
			t.Errorf("stage %s: robopackage round trip differs", status)
		}
	}
}

func firstDiff(a, b string) string {
	for i := range a {
		if i >= len(b) || a[i] != b[i] {
			lo := max(0, i-120)
			return a[lo:min(len(a), i+120)]
		}
	}
	return ""
}

func TestImportErrors(t *testing.T) {
	robot := func(delay string) string {
		return `{"Name":"A11111_22222_33333_44444","Type":"SocNetMessageActivity","Activated":"Y","Properties":{"Title":"x"}` + delay + `}`
	}
	stage := func(status, robots string) string {
		return `{"ID":0,"DOCUMENT_STATUS":"` + status + `","IS_EXTERNAL_MODIFIED":false,"ROBOTS":[` + robots + `]}`
	}
	tests := []struct {
		name, data, want string
	}{
		{"empty", ``, "empty file"},
		{"truncated", `[` + stage("NEW", "")[:40], "line 1, column 42: unexpected end of JSON input"},
		{"truncated multiline", "[\n {\"ID\": 0,\n  \"DOCUMENT_STATUS\": \"NEW\",\n  \"ROBOTS\": [", "line 4, column 14: unexpected end of JSON input"},
		{"not an array", `"templates"`, "expected a templates array or a RoboPackage object"},
		{"bad value type", `[` + stage("NEW", "") + `,` + stage("PREPARATION", "") + `,` + stage("WON", robot(`,"Delay":{"type":"after","value":1,"valueType":"x","basis":"{=System:Now}"}`)) + `]`,
			`[2].ROBOTS[0].Delay.valueType: "x" is not one of i, h, d`},
		{"delay type", `[` + stage("NEW", robot(`,"Delay":{"type":"later"}`)) + `]`, `[0].ROBOTS[0].Delay.type: "later" is not one of after, before, in`},
		{"delay value", `[` + stage("NEW", robot(`,"Delay":{"value":"soon"}`)) + `]`, `[0].ROBOTS[0].Delay.value: expected a number, got a string "soon"`},
		{"in time", `[` + stage("NEW", robot(`,"Delay":{"inTime":[25,0]}`)) + `]`, `[0].ROBOTS[0].Delay.inTime: 25:00 is not a time of day`},
		{"properties type", `[` + stage("NEW", `{"Name":"A1_2_3_4","Type":"X","Properties":"text"}`) + `]`, `[0].ROBOTS[0].Properties: expected an object, got a string "text"`},
		{"activated", `[` + stage("NEW", `{"Type":"X","Activated":"maybe"}`) + `]`, `[0].ROBOTS[0].Activated: expected Y or N, got a string "maybe"`},
		{"missing type", `[` + stage("NEW", `{"Name":"A1_2_3_4"}`) + `]`, `[0].ROBOTS[0].Type: missing robot type`},
		{"bad name", `[` + stage("NEW", `{"Name":"A 1","Type":"X"}`) + `]`, `[0].ROBOTS[0].Name: "A 1" is not an activity name`},
		{"robots not array", `[` + `{"DOCUMENT_STATUS":"NEW","ROBOTS":{}}` + `]`, `[0].ROBOTS: expected an array, got an object`},
		{"condition joiner", `[` + stage("NEW", robot(`,"Condition":{"type":"field","items":[[{"field":"TITLE","operator":"=","value":"a"},"XOR"]]}`)) + `]`,
			`[0].ROBOTS[0].Condition.items[0][1]: "XOR" is not one of AND, OR`},
		{"condition operator", `[` + stage("NEW", robot(`,"Condition":{"items":[[{"field":"TITLE","operator":"~","value":"a"},"AND"]]}`)) + `]`,
			`[0].ROBOTS[0].Condition.items[0][0].operator: "~" is not a condition operator`},
		{"condition pair", `[` + stage("NEW", robot(`,"Condition":{"items":[[{"field":"TITLE"}]]}`)) + `]`,
			`[0].ROBOTS[0].Condition.items[0]: expected [condition, joiner], got 1 values`},
		{"unknown stage", `[` + stage("NEW", "") + `,` + stage("NOPE", "") + `]`, `[1].DOCUMENT_STATUS: stage "NOPE" is not in pipeline DEAL:0`},
		{"other pipeline's stage", `[` + stage("C1:NEW", "") + `]`, `[0].DOCUMENT_STATUS: stage "C1:NEW" is not in pipeline DEAL:0`},
		{"duplicate stage", `[` + stage("NEW", "") + `,` + stage("NEW", "") + `]`, `[1].DOCUMENT_STATUS: stage "NEW" already given at [0]`},
		{"missing stage", `[{"ROBOTS":[]}]`, `[0].DOCUMENT_STATUS: missing stage`},
		{"package entity", `{"DOCUMENT_TYPE":["crm","CCrmDocumentLead","LEAD"],"DOCUMENT_STATUS":"NEW","ROBOTS":[]}`, `DOCUMENT_TYPE[2]: package is for LEAD, the pipeline is DEAL`},
		{"package stage", `{"DOCUMENT_TYPE":["crm","CCrmDocumentDeal","DEAL"],"DOCUMENT_STATUS":"X","ROBOTS":[]}`, `DOCUMENT_STATUS: stage "X" is not in pipeline DEAL:0`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := demoProject(t)
			before, _ := exchange.Export(p, model.PipelineKey{Entity: "DEAL"}, exchange.Templates, "")
			_, err := exchange.Import(p, model.PipelineKey{Entity: "DEAL"}, []byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want %q", err, tc.want)
			}
			after, _ := exchange.Export(p, model.PipelineKey{Entity: "DEAL"}, exchange.Templates, "")
			if !bytes.Equal(before, after) {
				t.Fatal("a failed import changed the project")
			}
		})
	}
}

func TestImportCompressedPackage(t *testing.T) {
	p := demoProject(t)
	pkg, err := exchange.Export(p, model.PipelineKey{Entity: "DEAL"}, exchange.RoboPackage, "EXECUTING")
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, 9)
	w.Write(pkg)
	w.Close()
	cmd, err := exchange.Import(p, model.PipelineKey{Entity: "DEAL"}, z.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(cmd.Stages) != 1 || len(cmd.Stages[0].Robots) != 4 {
		t.Fatalf("got %d stages", len(cmd.Stages))
	}
	// Re-importing what is there already changes nothing.
	ch, err := cmd.Change(p)
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Empty() {
		t.Fatalf("re-import of the same package produced %d ops", len(ch.Do))
	}
}

func TestRoboPackageFields(t *testing.T) {
	p := demoProject(t)
	pkg, err := exchange.Export(p, model.PipelineKey{Entity: "DEAL"}, exchange.RoboPackage, "PREPAYMENT_INVOICE")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		DocumentType   []string                  `json:"DOCUMENT_TYPE"`
		SystemCode     string                    `json:"SYSTEM_CODE"`
		DocumentFields map[string]map[string]any `json:"DOCUMENT_FIELDS"`
	}
	if err := json.Unmarshal(pkg, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.DocumentType, []string{"crm", "CCrmDocumentDeal", "DEAL"}) || got.SystemCode != "bitrix_bizproc_automation" {
		t.Fatalf("header: %+v", got)
	}
	for _, f := range []string{"UF_CRM_PAYMENT_DATE", "OPPORTUNITY", "CONTACT_NAME", "UF_CRM_INVOICE_URL"} {
		if _, ok := got.DocumentFields[f]; !ok {
			t.Errorf("DOCUMENT_FIELDS lacks %s: %v", f, got.DocumentFields)
		}
	}
	if _, err := exchange.Export(p, model.PipelineKey{Entity: "DEAL"}, exchange.RoboPackage, ""); err == nil {
		t.Error("robopackage without a stage: no error")
	}
}

// FuzzImport feeds arbitrary files to the importer: it must never panic, and whatever it
// accepts must apply, export, and undo back to exactly the project it started from.
func FuzzImport(f *testing.F) {
	f.Add([]byte(`[{"ID":1,"DOCUMENT_STATUS":"NEW","ROBOTS":[{"Name":"A1_2_3_4","Type":"X","Delay":{"inTime":[1,2]}}]}]`))
	f.Add([]byte(`{"DOCUMENT_TYPE":["crm","CCrmDocumentDeal","DEAL"],"DOCUMENT_STATUS":"WON","ROBOTS":[{"Type":"X","Condition":{"items":[[{"field":"A","value":[1,2]},"OR"]]}}]}`))
	f.Add([]byte(`[{"DOCUMENT_STATUS":"WON","IS_EXTERNAL_MODIFIED":"Y","ROBOTS":[{"Name":"A11111_22222_33333_44444","Type":"ImCreateGroupChatActivity","Activated":"N","Properties":{"Title":"Чат","Members":["user_1","user_2"]},"ExecuteAfterPrevious":1,"Future":{"k":[]}},{"Name":"A11111_22222_33333_44444","Type":"ImAddMessageToGroupChatActivity","Properties":{"ChatId":"{=A11111_22222_33333_44444:ChatId}"}}]}]`))
	f.Add([]byte("x\x9c"))
	base := demoProject(f)
	key := model.PipelineKey{Entity: "DEAL"}
	orig, err := exchange.Export(base, key, exchange.Templates, "")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cmd, err := exchange.Import(base, key, data)
		if err != nil {
			return
		}
		ch, err := cmd.Change(base)
		if err != nil {
			return
		}
		if err := base.Apply(ch.Do); err != nil {
			t.Fatalf("accepted import does not apply: %v", err)
		}
		if _, err := exchange.Export(base, key, exchange.Templates, ""); err != nil {
			t.Fatalf("accepted import does not export: %v", err)
		}
		if err := base.Apply(ch.Undo); err != nil {
			t.Fatalf("accepted import does not undo: %v", err)
		}
		back, err := exchange.Export(base, key, exchange.Templates, "")
		if err != nil || !bytes.Equal(back, orig) {
			t.Fatalf("undo of an import did not restore the project: %v", err)
		}
	})
}
