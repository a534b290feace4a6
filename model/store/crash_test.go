package store_test

import (
	"bufio"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"robodesk/model"
	"robodesk/model/store"
)

// crashChild is set in the environment of the process TestKillDuringEdits starts: that process
// applies random edits to the project at this path and reports each one once committed.
const crashChild = "ROBODESK_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChild); path != "" {
		os.Exit(editForever(path))
	}
	os.Exit(m.Run())
}

// editForever applies random edits until killed, printing "committed <n> <digest>" after each.
func editForever(path string) int {
	s, err := store.Open(path)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	t := &testing.T{}
	rnd := rand.New(rand.NewPCG(1, 2))
	p := s.Project()
	var stages []model.StageRef
	for _, e := range p.Portal.Entities {
		if e.ID != "DEAL" {
			continue
		}
		for _, pl := range e.Pipelines {
			for _, st := range pl.Stages {
				stages = append(stages, model.StageRef{Entity: e.ID, Status: st.StatusID})
			}
		}
	}
	for n := 1; ; n++ {
		var all []string
		for _, ref := range stages {
			all = append(all, robotIDs(p, ref)...)
		}
		pick := func(k int) []string {
			var out []string
			for i := 0; i < k && len(all) > 0; i++ {
				out = append(out, all[rnd.IntN(len(all))])
			}
			return out
		}
		to := stages[rnd.IntN(len(stages))]
		var cmd model.Command
		switch rnd.IntN(5) {
		case 0:
			cmd = model.Move{IDs: pick(1 + rnd.IntN(3)), To: to, Index: rnd.IntN(4)}
		case 1:
			cmd = model.Copy{IDs: pick(1 + rnd.IntN(3)), To: to, Index: rnd.IntN(4)}
		case 2:
			if len(all) > 20 {
				cmd = model.Delete{IDs: pick(1)}
			} else {
				cmd = model.Copy{IDs: pick(2), To: to, Index: -1}
			}
		case 3:
			cmd = model.Toggle{IDs: pick(2), Activated: rnd.IntN(2) == 0}
		default:
			r := p.Robots(to)
			if len(r) == 0 {
				continue
			}
			c := r[0].Clone()
			c.Properties["Title"] = fmt.Sprintf("Правка %d", n)
			cmd = model.Update{Robots: []*model.Robot{c}}
		}
		if _, err := s.Do(cmd); err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Printf("committed %d %s\n", n, digest(t, p))
	}
}

// TestKillDuringEdits kills a process mid-stream of edits with SIGKILL; every edit it reported
// as committed must be there after reopening, the file must pass integrity_check, and undo must
// still work.
func TestKillDuringEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode: skips the crash test that runs a child process")
	}
	for round := 0; round < 3; round++ {
		t.Run(fmt.Sprint("round", round), func(t *testing.T) {
			s, path := newDemo(t)
			s.Close()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), crashChild+"="+path)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			var last string
			lines := 0
			stopAt := 150 + 70*round
			// Read to the end: the child runs ahead of this reader, and the lines it wrote
			// before dying are still in the pipe.
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "error") {
					t.Fatalf("child: %s", line)
				}
				if f := strings.Fields(line); len(f) == 3 && f[0] == "committed" {
					last = f[2]
					lines++
				}
				if lines == stopAt {
					cmd.Process.Signal(syscall.SIGKILL)
				}
			}
			cmd.Wait()
			if lines < stopAt {
				t.Fatalf("child reported only %d edits", lines)
			}
			// The child may have committed one more edit after its last report; the state is
			// either the last reported one or one edit further.
			s, err = store.Open(path)
			if err != nil {
				t.Fatalf("reopen after kill: %v", err)
			}
			defer s.Close()
			if digest(t, s.Project()) != last {
				// One unreported edit: undoing it must give the last reported state.
				if _, err := s.Undo(); err != nil {
					t.Fatal(err)
				}
				if digest(t, s.Project()) != last {
					t.Fatal("a reported edit is missing after the kill")
				}
			} else {
				if _, err := s.Undo(); err != nil {
					t.Fatalf("undo after the kill: %v", err)
				}
				if digest(t, s.Project()) == last {
					t.Fatal("undo after the kill changed nothing")
				}
			}
			db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var check string
			if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
				t.Fatalf("integrity_check: %q %v", check, err)
			}
		})
	}
}
