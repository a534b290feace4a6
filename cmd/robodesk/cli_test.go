package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/model/store"
)

// cli runs the command line in-process and returns the exit code and both streams.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func demoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.sqlite")
	if code, _, stderr := cli(t, "", "demo", path); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	return path
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestCLIExitCodes(t *testing.T) {
	db := demoFile(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`[{"DOCUMENT_STATUS":"NEW","ROBOTS":[{"Type":"X","Delay":{"valueType":"x"}}]}]`), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"version", []string{"version"}, 0, "robodesk ", ""},
		{"help", []string{"help"}, 0, "exit codes", ""},
		{"unknown command", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"validate demo", []string{"validate", "--db", db}, 0, "31 robots, 0 errors", ""},
		{"validate without db", []string{"validate"}, 2, "", "--db FILE is required"},
		{"validate missing file", []string{"validate", "--db", db + ".nope"}, 2, "", "file does not exist"},
		{"validate bad flag", []string{"validate", "--nope"}, 2, "", "flag provided but not defined"},
		{"export templates", []string{"export", "--db", db, "--pipeline", "DEAL:0"}, 0, `"DOCUMENT_STATUS": "PREPAYMENT_INVOICE"`, ""},
		{"export one stage", []string{"export", "--db", db, "--pipeline", "DEAL:1", "--stage", "C1:EXECUTING"}, 0, `"CrmChangeStatusActivity"`, ""},
		{"export robopackage", []string{"export", "--db", db, "--pipeline", "DEAL", "--format", "robopackage", "--stage", "WON"}, 0, `"SYSTEM_CODE": "bitrix_bizproc_automation"`, ""},
		{"robopackage needs a stage", []string{"export", "--db", db, "--pipeline", "DEAL:0", "--format", "robopackage"}, 2, "", "--stage"},
		{"bad pipeline key", []string{"export", "--db", db, "--pipeline", "DEAL:x"}, 2, "", `category "x" is not a non-negative number`},
		{"unknown pipeline", []string{"export", "--db", db, "--pipeline", "DEAL:7"}, 2, "", "DEAL has no pipeline 7"},
		{"bad format", []string{"export", "--db", db, "--pipeline", "LEAD", "--format", "xml"}, 2, "", `format "xml"`},
		{"import bad file", []string{"import", "--db", db, "--pipeline", "DEAL:0", bad}, 2, "", `[0].ROBOTS[0].Delay.valueType: "x" is not one of i, h, d`},
		{"import missing file", []string{"import", "--db", db, "--pipeline", "DEAL:0", bad + ".nope"}, 2, "", "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := fileSum(t, db)
			code, stdout, stderr := cli(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout %s\nstderr %s", code, tc.code, stdout, stderr)
			}
			if tc.code != 0 && fileSum(t, db) != before {
				t.Fatal("a failed command changed the project file")
			}
		})
	}
}

// TestCLIImportExportUndo: export a pipeline, edit the JSON, import it back as one undoable
// step; validation then reports the error it introduces with exit code 1.
func TestCLIImportExportUndo(t *testing.T) {
	db := demoFile(t)
	code, exported, stderr := cli(t, "", "export", "--db", db, "--pipeline", "DEAL:1")
	if code != 0 {
		t.Fatal(stderr)
	}
	edited := strings.Replace(exported, "https://1c.torgdom.ru/hs/bitrix/invoice", "1c.torgdom.ru invoice", 1)
	file := filepath.Join(t.TempDir(), "deal1.json")
	os.WriteFile(file, []byte(edited), 0o644)
	if code, out, stderr := cli(t, "", "import", "--db", db, "--pipeline", "DEAL:1", file); code != 0 || !strings.Contains(out, "imported 6 stages") {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	code, out, _ := cli(t, "", "validate", "--db", db, "--json")
	var findings []model.Finding
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatal(err)
	}
	if code != 1 || len(findings) != 1 || findings[0].Code != "bad_url" || findings[0].Property != "Handler" {
		t.Fatalf("validate: exit %d, %+v", code, findings)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if code, _, _ := cli(t, "", "validate", "--db", db); code != 0 {
		t.Fatal("undo of the import did not restore the valid robots")
	}
	_, again, _ := cli(t, "", "export", "--db", db, "--pipeline", "DEAL:1")
	if again != exported {
		t.Fatal("export after undo differs from the original export")
	}
}

func TestCLIImportFromStdin(t *testing.T) {
	db := demoFile(t)
	_, exported, _ := cli(t, "", "export", "--db", db, "--pipeline", "LEAD", "--stage", "NEW")
	code, out, stderr := cli(t, exported, "import", "--db", db, "--pipeline", "LEAD", "-")
	if code != 0 || !strings.Contains(out, "imported 1 stages") {
		t.Fatalf("%d %s %s", code, out, stderr)
	}
}
