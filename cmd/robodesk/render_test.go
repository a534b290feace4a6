package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIRender(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	record := filepath.Join(dir, "record.json")
	os.WriteFile(record, []byte(`{"TITLE": "Из файла", "PHONE": ["+7 916 000-00-01", "+7 916 000-00-02"], "OPPORTUNITY": 2500000}`), 0o644)
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte(`{"TITLE": {"nested": true}}`), 0o644)
	at := "2024-03-05T10:30:00+03:00"
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // the whole output
		stderr string // a part of it
	}{
		{name: "the first sample by default", args: []string{"--text", "Сделка {=Document:TITLE}"}, stdout: "Сделка Плитка и сантехника для ООО «ЭкоДом»\n"},
		{name: "a named sample", args: []string{"--text", "{=Document:OPPORTUNITY > printable}", "--sample", "Длинные значения"}, stdout: "12 750 000 ₽\n"},
		{name: "friendly input", args: []string{"--text", "{{Название сделки}}: {{Сумма > printable}}", "--sample", "Почти пустая"}, stdout: "Сделка #1601: 0 ₽\n"},
		{name: "a record file", args: []string{"--text", "{=Document:TITLE}, {=Document:PHONE_PRINTABLE}, {=Document:OPPORTUNITY > printable}", "--record", record},
			stdout: "Из файла, +7 916 000-00-01, +7 916 000-00-02, 2 500 000 ₽\n"},
		{name: "another entity", args: []string{"--entity", "lead", "--text", "{=Document:NAME} ({=Document:SOURCE_ID > printable})"}, stdout: "Екатерина (Веб-сайт)\n"},
		{name: "the moment", args: []string{"--text", "{=System:Now}, {{=dateadd({=System:Now}, '1d')}}", "--at", at}, stdout: "05.03.2024 10:30:00, 06.03.2024 10:30:00\n"},
		{name: "relative sample dates count from the moment", args: []string{"--text", "до {=Document:UF_CRM_PAYMENT_DATE}", "--at", at}, stdout: "до 12.03.2024\n"},
		{name: "text from standard input", stdin: "Клиент {=Document:CONTACT_NAME}\n", args: []string{"--text", "-"}, stdout: "Клиент Екатерина Белова\n"},
		{name: "empty placeholders are noted", args: []string{"--text", "Клиент {=Document:CONTACT_NAME}!", "--sample", "Почти пустая"},
			stdout: "Клиент !\n", stderr: "empty: {=Document:CONTACT_NAME} («Имя контакта», empty)"},
		{name: "bad syntax", args: []string{"--text", "Итого {{= 2 + (3 }}"}, code: 2,
			stderr: "robodesk: render: Unmatched opening bracket \"(\" at character 15 (byte 19)\n  Итого {{= 2 + (3 }}\n                ^"},
		{name: "an unknown function", args: []string{"--text", "{{= nofunc(1) }}"}, code: 2, stderr: `Unknown function "nofunc" at character 5`},
		{name: "a calculation that fails for the sample", args: []string{"--text", "{{= 1 / {=Document:OPPORTUNITY} }}", "--sample", "Почти пустая"}, code: 1,
			stdout: "{{= 1 / 0 }}\n", stderr: "calculation fails: Division by zero"},
		{name: "an unknown field title", args: []string{"--text", "{{Нет такого поля}}"}, code: 2, stderr: `unknown field title "Нет такого поля" at byte 0`},
		{name: "record and sample together", args: []string{"--text", "x", "--record", record, "--sample", "Типичная"}, code: 2, stderr: "exclude each other"},
		{name: "an unknown sample", args: []string{"--text", "x", "--sample", "Нет"}, code: 2, stderr: `no sample "Нет"; the samples are «Типичная», «Почти пустая», «Длинные значения»`},
		{name: "a broken record file", args: []string{"--text", "x", "--record", broken}, code: 2, stderr: "field TITLE: want a string"},
		{name: "a missing record file", args: []string{"--text", "x", "--record", record + ".nope"}, code: 2, stderr: "no such file"},
		{name: "a bad moment", args: []string{"--text", "x", "--at", "05.03.2024"}, code: 2, stderr: "want RFC 3339"},
		{name: "no text", args: []string{}, code: 2, stderr: "--text is required"},
		{name: "an unknown entity", args: []string{"--text", "x", "--entity", "CONTACT"}, code: 2, stderr: `no entity "CONTACT"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"render", "--db", db}, tc.args...)
			code, stdout, stderr := cli(t, tc.stdin, args...)
			if code != tc.code || stdout != tc.stdout || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout %q\nwant   %q\nstderr %s", code, tc.code, stdout, tc.stdout, stderr)
			}
		})
	}
	if code, _, stderr := cli(t, "", "render", "--text", "x"); code != 2 || !strings.Contains(stderr, "--db FILE is required") {
		t.Fatalf("without --db: %d %s", code, stderr)
	}
}
