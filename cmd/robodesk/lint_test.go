package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/model/lint"
	"robodesk/model/store"
)

func lintJSON(t *testing.T, db string) (int, []model.Finding) {
	t.Helper()
	code, stdout, stderr := cli(t, "", "lint", "--db", db, "--json")
	var fs []model.Finding
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil {
		t.Fatalf("lint --json: %v\n%s\n%s", err, stdout, stderr)
	}
	return code, fs
}

func codes(fs []model.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Code]++
	}
	return m
}

func TestCLILintDemo(t *testing.T) {
	db := demoFile(t)
	code, stdout, stderr := cli(t, "", "lint", "--db", db)
	if code != 0 || !strings.Contains(stdout, "31 robots, 0 errors, ") || !strings.Contains(stdout, "writes to the client at") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, fs := lintJSON(t, db)
	c := codes(fs)
	if code != 0 || c[lint.CodeOutsideHours] != 1 || c[lint.CodeFirstMessages] != 2 || c[lint.CodeTooLong] != 1 || c[lint.CodeEmptyPlaceholder] == 0 {
		t.Fatalf("exit %d, codes %v", code, c)
	}

	// A smaller inflow stored in the project silences the volume warnings.
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(lint.OptionsKey, lint.Options{NewPerDay: 5}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, fs = lintJSON(t, db)
	if c := codes(fs); c[lint.CodeFirstMessages] != 0 || c[lint.CodeFirstMessagesSum] != 0 {
		t.Fatalf("with 5 items a day: %v", c)
	}
}

// TestCLILintLoop: robots that send deals back and forth between two stages are an error.
func TestCLILintLoop(t *testing.T) {
	db := demoFile(t)
	file := filepath.Join(t.TempDir(), "loop.json")
	os.WriteFile(file, []byte(`[
 {"DOCUMENT_STATUS":"C1:NEW","ROBOTS":[{"Name":"A10000_00000_00000_00001","Type":"CrmChangeStatusActivity","Activated":"Y",
   "Properties":{"Title":"В подготовку","TargetStatus":"C1:PREPARATION"}}]},
 {"DOCUMENT_STATUS":"C1:PREPARATION","ROBOTS":[{"Name":"A10000_00000_00000_00002","Type":"CrmChangeStatusActivity","Activated":"Y",
   "Properties":{"Title":"Обратно","TargetStatus":"C1:NEW"},
   "Delay":{"type":"after","value":5,"valueType":"i","basis":"{=System:Now}","workTime":false,"waitWorkDay":false,"inTime":null}}]}
]`), 0o644)
	if code, out, stderr := cli(t, "", "import", "--db", db, "--pipeline", "DEAL:1", file); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	code, stdout, _ := cli(t, "", "lint", "--db", db)
	if code != 1 || !strings.Contains(stdout, "error: DEAL/C1:NEW «В подготовку» TargetStatus: robots move items around a loop of stages for ever: «Заявка от дилера» → «Расчет оптовой цены» → «Заявка от дилера»") {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	_, fs := lintJSON(t, db)
	if c := codes(fs); c[lint.CodeStageLoop] != 1 || c[lint.CodeDelayShort] != 1 {
		t.Fatalf("codes %v", c)
	}
}

func TestCLILintUsage(t *testing.T) {
	if code, _, stderr := cli(t, "", "lint"); code != 2 || !strings.Contains(stderr, "--db FILE is required") {
		t.Fatalf("%d %s", code, stderr)
	}
	if code, _, stderr := cli(t, "", "lint", "--db", "x", "--fix"); code != 2 || !strings.Contains(stderr, "flag provided but not defined") {
		t.Fatalf("%d %s", code, stderr)
	}
}
