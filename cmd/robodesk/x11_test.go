package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"robodesk/ui"
)

// TestX11DragAndCopy drives the real app in a real X window with real pointer and keyboard
// events (xdotool): a drag moves a robot to another stage and a Ctrl-drag copies one; the
// results are read back through `robodesk export`. It needs an X display (run the tests under
// xvfb-run), xdotool and the go tool, and skips without them.
func TestX11DragAndCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the X11 drag test")
	}
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no X display: DISPLAY is not set; run under xvfb-run to drive the real window")
	}
	for _, tool := range []string{"xdotool", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: %v", tool, err)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "robodesk")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the app: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.sqlite")
	if out, err := exec.Command(bin, "demo", db).CombinedOutput(); err != nil {
		t.Fatalf("create the demo project: %v\n%s", err, out)
	}
	before := export(t, bin, db)

	geoFile := filepath.Join(dir, "geometry.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := exec.CommandContext(ctx, bin, "--db", db, "--pipeline", "DEAL:0")
	app.Env = append(os.Environ(), geometryEnv+"="+geoFile, "FYNE_SCALE=1", "LANG=en_US.UTF-8",
		"HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	var log strings.Builder
	app.Stdout, app.Stderr = &log, &log
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		app.Wait()
		if t.Failed() {
			t.Logf("app output:\n%s", log.String())
		}
	}()

	win := xdo(t, "search", "--sync", "--onlyvisible", "--pid", strconv.Itoa(app.Process.Pid))
	win = strings.Fields(win)[0]
	xdo(t, "windowfocus", "--sync", win)
	g := waitGeometry(t, geoFile, func(g ui.Geometry) bool { return len(g.Cards) > 0 })
	wx, wy := windowOrigin(t, win)
	screen := func(x, y float32) (int, int) {
		return wx + int(x*g.Scale), wy + int(y*g.Scale)
	}

	// A drag: «Позвонить клиенту» from «Новая заявка» to the end of «Подготовка документов».
	call := cardBox(t, g, "Позвонить клиенту")
	if call.Stage != "NEW" {
		t.Fatalf("«Позвонить клиенту» is in %s, want NEW", call.Stage)
	}
	prep := columnBox(t, g, "PREPARATION")
	fx, fy := screen(call.X+call.W/2, call.Y+14)
	tx, ty := screen(prep.X+prep.W/2, prep.Y+prep.H-90)
	drag(t, fx, fy, tx, ty)
	after := waitExport(t, bin, db, func(s stages) bool { return s.has("PREPARATION", call.Robot) })
	if after.has("NEW", call.Robot) {
		t.Fatalf("the moved robot %s is still in NEW", call.Robot)
	}
	if n, m := len(after["PREPARATION"]), len(before["PREPARATION"]); n != m+1 {
		t.Fatalf("PREPARATION has %d robots, want %d", n, m+1)
	}

	// A Ctrl-drag: «Уведомление о новой сделке» copied to «Отправка счета».
	g = waitGeometry(t, geoFile, func(g ui.Geometry) bool {
		for _, c := range g.Cards {
			if c.Robot == call.Robot {
				return c.Stage == "PREPARATION"
			}
		}
		return false
	})
	note := cardBox(t, g, "Уведомление о новой сделке")
	inv := columnBox(t, g, "PREPAYMENT_INVOICE")
	fx, fy = screen(note.X+note.W/2, note.Y+14)
	tx, ty = screen(inv.X+inv.W/2, inv.Y+inv.H-90)
	xdo(t, "keydown", "ctrl")
	drag(t, fx, fy, tx, ty)
	xdo(t, "keyup", "ctrl")
	after = waitExport(t, bin, db, func(s stages) bool { return len(s["PREPAYMENT_INVOICE"]) == len(before["PREPAYMENT_INVOICE"])+1 })
	if !after.has("NEW", note.Robot) {
		t.Fatal("Ctrl-drag moved the robot instead of copying it")
	}
	orig := before.robot("NEW", note.Robot)
	copied := after["PREPAYMENT_INVOICE"][len(after["PREPAYMENT_INVOICE"])-1]
	if copied.Name == orig.Name || copied.Type != orig.Type || copied.Properties["Title"] != orig.Properties["Title"] {
		t.Fatalf("the copy is %+v, want a new name and the settings of %+v", copied, orig)
	}
}

// stages is a pipeline's export: robots by stage.
type stages map[string][]exported

type exported struct {
	Name       string         `json:"Name"`
	Type       string         `json:"Type"`
	Properties map[string]any `json:"Properties"`
}

func (s stages) has(stage, name string) bool { return s.robot(stage, name).Name != "" }

func (s stages) robot(stage, name string) exported {
	for _, r := range s[stage] {
		if r.Name == name {
			return r
		}
	}
	return exported{}
}

// export reads the sales pipeline through `robodesk export`.
func export(t *testing.T, bin, db string) stages {
	t.Helper()
	out, err := exec.Command(bin, "export", "--db", db, "--pipeline", "DEAL:0").Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var tpl []struct {
		Status string     `json:"DOCUMENT_STATUS"`
		Robots []exported `json:"ROBOTS"`
	}
	if err := json.Unmarshal(out, &tpl); err != nil {
		t.Fatalf("export output: %v", err)
	}
	s := stages{}
	for _, st := range tpl {
		s[st.Status] = st.Robots
	}
	return s
}

func waitExport(t *testing.T, bin, db string, ok func(stages) bool) stages {
	t.Helper()
	var s stages
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if s = export(t, bin, db); ok(s) {
			return s
		}
	}
	t.Fatalf("the project file never showed the change; last export: %v", s)
	return nil
}

func waitGeometry(t *testing.T, file string, ok func(ui.Geometry) bool) ui.Geometry {
	t.Helper()
	var g ui.Geometry
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		if json.Unmarshal(data, &g) == nil && g.Scale > 0 && ok(g) {
			return g
		}
	}
	t.Fatalf("the window never reported the expected board geometry (last: %+v)", g)
	return g
}

func cardBox(t *testing.T, g ui.Geometry, title string) ui.Box {
	t.Helper()
	for _, c := range g.Cards {
		if c.Title == title {
			return c
		}
	}
	t.Fatalf("no card %q in view", title)
	return ui.Box{}
}

func columnBox(t *testing.T, g ui.Geometry, stage string) ui.Box {
	t.Helper()
	for _, c := range g.Columns {
		if c.Stage == stage {
			return c
		}
	}
	t.Fatalf("no column %s", stage)
	return ui.Box{}
}

// xdo runs xdotool and returns its output.
func xdo(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdotool", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// windowOrigin is where the window's client area is on the screen.
func windowOrigin(t *testing.T, win string) (int, int) {
	t.Helper()
	var x, y int
	for _, line := range strings.Split(xdo(t, "getwindowgeometry", "--shell", win), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "X":
			x, _ = strconv.Atoi(v)
		case "Y":
			y, _ = strconv.Atoi(v)
		}
	}
	return x, y
}

// drag presses at one point, moves in steps as a hand would, and releases at another.
func drag(t *testing.T, fx, fy, tx, ty int) {
	t.Helper()
	xdo(t, "mousemove", "--sync", strconv.Itoa(fx), strconv.Itoa(fy))
	time.Sleep(150 * time.Millisecond)
	xdo(t, "mousedown", "1")
	time.Sleep(100 * time.Millisecond)
	const steps = 12
	for i := 1; i <= steps; i++ {
		x := fx + (tx-fx)*i/steps
		y := fy + (ty-fy)*i/steps
		xdo(t, "mousemove", fmt.Sprint(x), fmt.Sprint(y))
		time.Sleep(40 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	xdo(t, "mouseup", "1")
	time.Sleep(300 * time.Millisecond)
}
