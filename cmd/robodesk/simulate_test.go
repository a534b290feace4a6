package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"robodesk/model/sim"
)

func TestCLISimulate(t *testing.T) {
	db := demoFile(t)
	record := filepath.Join(t.TempDir(), "record.json")
	os.WriteFile(record, []byte(`{"TITLE": "Крупный заказ", "OPPORTUNITY": "2000000", "ASSIGNED_BY_ID": "user_3"}`), 0o644)
	thursday := "2024-03-07T17:30:00+03:00"
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // parts of the output, in order
		stderr string
	}{
		{name: "a chain over the holiday weekend", args: []string{"--pipeline", "DEAL:0", "--stage", "NEW", "--at", thursday},
			stdout: []string{
				"Stage «Новая заявка» (DEAL/NEW), sample «Типичная», entered Thu 07.03.2024 17:30 (Europe/Moscow)",
				"Thu 07.03.2024 17:30  runs     «Уведомление о новой сделке»",
				"Thu 07.03.2024 17:40  runs     «Приветствие клиенту в WhatsApp»",
				"Текст сообщения: Екатерина Белова, здравствуйте!",
				"Mon 11.03.2024 09:40  runs     «Позвонить клиенту»  [after robot 3]",
				"when: 1 working hour after «Приветствие клиенту в WhatsApp» finished: Mon 11.03.2024 09:40",
			}},
		{name: "skipped by a condition", args: []string{"--pipeline", "DEAL", "--stage", "PREPAYMENT_INVOICE", "--sample", "Почти пустая", "--at", thursday},
			stdout: []string{"skipped  «Напомнить клиенту об оплате»", "why: condition: «Сумма» > 0 does not hold: the sample has «0 ₽»"}},
		{name: "a before-date delay in the past runs at once", args: []string{"--pipeline", "DEAL:0", "--stage", "PREPAYMENT_INVOICE", "--sample", "Длинные значения", "--at", thursday},
			stdout: []string{"Thu 07.03.2024 17:30  runs     «Напомнить клиенту об оплате»", "had already passed when the delay started, so the portal runs the robot at once",
				"(133 characters, 2 SMS in UCS-2)"}},
		{name: "a wait, then a move to another stage", args: []string{"--pipeline", "DEAL:1", "--stage", "C1:EXECUTING", "--at", thursday},
			stdout: []string{"note: waits 3 days, until Sun 10.03.2024 17:30", "Sun 10.03.2024 17:30  runs     «Закрыть сделку после отгрузки»",
				"the item leaves for «Сделка успешна» (C1:WON)"}},
		{name: "a record file", args: []string{"--pipeline", "DEAL:0", "--stage", "EXECUTING", "--record", record, "--at", thursday},
			stdout: []string{"Stage «Согласование договора» (DEAL/EXECUTING), entered", "runs     «Добавить руководителя юристов»  [after robot 1]", "condition holds: «Сумма» > 1000000"}},
		{name: "a stage without robots", args: []string{"--pipeline", "DEAL:1", "--stage", "C1:WON", "--at", thursday}, stdout: []string{"The stage has no robots."}},
		{name: "no moment", args: []string{"--pipeline", "DEAL:0", "--stage", "NEW"}, code: 2, stderr: "--at is required"},
		{name: "no stage", args: []string{"--pipeline", "DEAL:0", "--at", thursday}, code: 2, stderr: "--stage is required"},
		{name: "a stage of another pipeline", args: []string{"--pipeline", "DEAL:0", "--stage", "C1:NEW", "--at", thursday}, code: 2, stderr: `pipeline DEAL:0 has no stage "C1:NEW"`},
		{name: "an unknown pipeline", args: []string{"--pipeline", "DEAL:9", "--stage", "NEW", "--at", thursday}, code: 2, stderr: "DEAL has no pipeline 9"},
		{name: "a bad pipeline key", args: []string{"--pipeline", "CONTACT", "--stage", "NEW", "--at", thursday}, code: 2, stderr: "entity must be"},
		{name: "an unknown sample", args: []string{"--pipeline", "LEAD", "--stage", "NEW", "--sample", "Нет", "--at", thursday}, code: 2, stderr: `no sample "Нет"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"simulate", "--db", db}, tc.args...)
			code, stdout, stderr := cli(t, "", args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout %s\nstderr %s", code, tc.code, stdout, stderr)
			}
			rest := stdout
			for _, part := range tc.stdout {
				i := strings.Index(rest, part)
				if i < 0 {
					t.Fatalf("output lacks %q (or has it out of order):\n%s", part, stdout)
				}
				rest = rest[i+len(part):]
			}
		})
	}
}

func TestCLISimulateJSON(t *testing.T) {
	db := demoFile(t)
	code, stdout, stderr := cli(t, "", "simulate", "--db", db, "--pipeline", "LEAD", "--stage", "NEW", "--sample", "Почти пустая", "--at", "2024-03-15T19:00:00+03:00", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var tl sim.Timeline
	if err := json.Unmarshal([]byte(stdout), &tl); err != nil {
		t.Fatal(err)
	}
	if tl.Sample != "Почти пустая" || tl.Stage.Entity != "LEAD" || len(tl.Steps) != 3 {
		t.Fatalf("timeline %+v", tl)
	}
	var statuses []string
	for _, s := range tl.Steps {
		statuses = append(statuses, s.Status)
	}
	if strings.Join(statuses, " ") != "runs runs skipped" || tl.Steps[0].WorkTime || tl.Steps[2].Condition == nil {
		t.Fatalf("steps %+v", tl.Steps)
	}
	if !strings.Contains(stdout, `"rendered": "Новый лид «Входящий звонок»`) {
		t.Fatalf("texts are missing or escaped:\n%s", stdout)
	}
}
