package model_test

import (
	"encoding/json"
	"strings"
	"testing"

	"robodesk/model"
)

// TestRobotJSONShapes: whatever form the input uses, output is in Bitrix24's own shapes.
func TestRobotJSONShapes(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings of the output
		absent   []string
	}{
		{"minimal robot is activated, no delay, parallel",
			`{"Name":"A1_2_3_4","Type":"X","Properties":{"Title":"t"}}`,
			[]string{`"Activated":"Y"`}, []string{`"Delay"`, `"Condition"`, `"ExecuteAfterPrevious"`, `"DelayName"`}},
		{"boolean false becomes N", `{"Type":"X","Activated":false}`, []string{`"Activated":"N"`}, nil},
		{"N stays N", `{"Type":"X","Activated":"N"}`, []string{`"Activated":"N"`}, nil},
		{"after previous from true", `{"Type":"X","ExecuteAfterPrevious":true}`, []string{`"ExecuteAfterPrevious":1`}, nil},
		{"after previous from string", `{"Type":"X","ExecuteAfterPrevious":"1"}`, []string{`"ExecuteAfterPrevious":1`}, nil},
		{"after previous 0 is absent", `{"Type":"X","ExecuteAfterPrevious":0}`, nil, []string{`ExecuteAfterPrevious`}},
		{"delay gets every key", `{"Type":"X","Delay":{"type":"after","value":"30","valueType":"i"}}`,
			[]string{`"Delay":{"type":"after","value":30,"valueType":"i","basis":"{=System:Now}","workTime":false,"waitWorkDay":false,"inTime":null}`}, nil},
		{"delay flags from Y", `{"Type":"X","Delay":{"type":"in","basis":"{=Document:CLOSEDATE}","workTime":"Y","waitWorkDay":1,"inTime":["9","30"]}}`,
			[]string{`"workTime":true`, `"waitWorkDay":true`, `"inTime":[9,30]`}, nil},
		{"condition items are pairs", `{"Type":"X","Condition":{"type":"field","items":[[{"object":"Document","field":"F","operator":"in","value":["a","b"]},"OR"]]}}`,
			[]string{`"items":[[{"object":"Document","field":"F","operator":"in","value":["a","b"]},"OR"]]`}, nil},
		{"texts are not HTML-escaped", `{"Type":"X","Properties":{"Title":"<b>&</b>"}}`, []string{`"Title":"<b>&</b>"`}, nil},
		{"numbers keep their text", `{"Type":"X","Properties":{"N":1.50,"Big":12345678901234567890}}`, []string{`"N":1.50`, `"Big":12345678901234567890`}, nil},
		{"empty PHP array properties", `{"Type":"X","Properties":[]}`, []string{`"Properties":{}`}, nil},
		{"unknown keys survive", `{"Type":"X","Zeta":{"a":[1]},"Alpha":"x"}`, []string{`"Alpha":"x"`, `"Zeta":{"a":[1]}`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r model.Robot
			if err := json.Unmarshal([]byte(tc.in), &r); err != nil {
				t.Fatal(err)
			}
			out, err := model.MarshalValue(&r)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("%s\nlacks %s", out, w)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(string(out), a) {
					t.Errorf("%s\nhas %s", out, a)
				}
			}
			var again model.Robot
			if err := json.Unmarshal(out, &again); err != nil || !model.Equal(&r, &again) {
				t.Errorf("output does not read back the same: %v", err)
			}
		})
	}
}

func TestPipelineKeys(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"LEAD", "LEAD", ""},
		{"DEAL:0", "DEAL:0", ""},
		{"deal:3", "DEAL:3", ""},
		{"DEAL", "DEAL:0", ""},
		{"DYNAMIC_128:5", "DYNAMIC_128:5", ""},
		{"SMART_INVOICE:0", "SMART_INVOICE:0", ""},
		{"LEAD:1", "", "leads have no pipelines"},
		{"DEAL:x", "", "is not a non-negative number"},
		{"DYNAMIC_:1", "", "entity must be"},
		{"CONTACT", "", "entity must be"},
	}
	for _, tc := range tests {
		k, err := model.ParsePipelineKey(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || k.String() != tc.want {
			t.Errorf("%s: %v %v, want %s", tc.in, k, err, tc.want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	text := "Сделка {=Document:TITLE} {= A11111_22222_33333_44444 : ChatId } {=Document:OPPORTUNITY > printable} {=Document:ASSIGNED_BY_ID > user,printable} {{Title}} {=bad"
	phs := model.Placeholders(text)
	var got []string
	for _, ph := range phs {
		got = append(got, ph.Object+":"+ph.Field+"="+text[ph.Start:ph.End])
	}
	want := []string{
		"Document:TITLE={=Document:TITLE}",
		"A11111_22222_33333_44444:ChatId={= A11111_22222_33333_44444 : ChatId }",
		"Document:OPPORTUNITY={=Document:OPPORTUNITY > printable}",
		"Document:ASSIGNED_BY_ID={=Document:ASSIGNED_BY_ID > user,printable}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s", strings.Join(got, "\n"))
	}
	if !phs[1].IsReturnValue() || phs[0].IsReturnValue() {
		t.Error("return value detection")
	}
}
