package store

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"robodesk/assets"
	"robodesk/model"
)

// reportMedian adds the median of per-operation times to a benchmark's output; commit latency
// is what a user feels after a drop, so the median matters more than the mean.
func reportMedian(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "median-µs")
}

func benchDemo(b *testing.B) *Store {
	b.Helper()
	s, err := CreateDemo(filepath.Join(b.TempDir(), "bench.sqlite"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkCommitMove is one drag-and-drop: a move edit with its undo record, committed.
func BenchmarkCommitMove(b *testing.B) {
	s := benchDemo(b)
	from, to := model.StageRef{Entity: "DEAL", Status: "NEW"}, model.StageRef{Entity: "DEAL", Status: "WON"}
	var ds []time.Duration
	for i := 0; b.Loop(); i++ {
		src, dst := from, to
		if i%2 == 1 {
			src, dst = to, from
		}
		id := s.Project().Robots(src)[0].ID
		start := time.Now()
		if _, err := s.Do(model.Move{IDs: []string{id}, To: dst, Index: 0}); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	reportMedian(b, ds)
}

// BenchmarkCommitCopy is one ctrl-drag: a copy edit with its undo record, committed. The copy
// is deleted again (untimed by the median) so the stage keeps a realistic size.
func BenchmarkCommitCopy(b *testing.B) {
	s := benchDemo(b)
	src := s.Project().Robots(model.StageRef{Entity: "DEAL", Status: "EXECUTING"})[0].ID
	to := model.StageRef{Entity: "DEAL", Status: "WON"}
	var ds []time.Duration
	for b.Loop() {
		start := time.Now()
		ch, err := s.Do(model.Copy{IDs: []string{src}, To: to, Index: 1})
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
		if _, err := s.Do(model.Delete{IDs: []string{ch.Do[0].ID}}); err != nil {
			b.Fatal(err)
		}
	}
	reportMedian(b, ds)
}

// BenchmarkBareInsert is the floor a commit is measured against: a single-row insert of a
// robot-sized row, in the same file with the same connection settings.
func BenchmarkBareInsert(b *testing.B) {
	s := benchDemo(b)
	if _, err := s.db.Exec(`CREATE TABLE bare (id TEXT PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	st, err := s.db.Prepare(`INSERT INTO bare (id, body) VALUES (?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	body, _ := s.Project().Robots(model.StageRef{Entity: "DEAL", Status: "NEW"})[0].MarshalJSON()
	var ds []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := st.Exec(fmt.Sprintf("row-%d", i), string(body)); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	reportMedian(b, ds)
}

// BenchmarkOpen10k opens a project of 10 000 robots spread over the demo's stages.
func BenchmarkOpen10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.sqlite")
	portal, content, err := assets.Demo()
	if err != nil {
		b.Fatal(err)
	}
	s, err := Create(path, "big", portal)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Baseline(content); err != nil {
		b.Fatal(err)
	}
	var stages []model.StageRef
	for _, e := range portal.Entities {
		for _, pl := range e.Pipelines {
			for _, st := range pl.Stages {
				stages = append(stages, model.StageRef{Entity: e.ID, Status: st.StatusID})
			}
		}
	}
	samples := s.Project().Robots(model.StageRef{Entity: "DEAL", Status: "NEW"})
	for s.Project().RobotCount() < 10000 {
		var batch []*model.Robot
		for i := 0; i < 100; i++ {
			batch = append(batch, samples[i%len(samples)])
		}
		ref := stages[s.Project().RobotCount()%len(stages)]
		if _, err := s.Do(model.Copy{IDs: ids(batch[:1]), To: ref, Index: -1}); err != nil {
			b.Fatal(err)
		}
		rs := s.Project().Robots(ref)
		copyCmd := model.Copy{To: ref, Index: -1}
		for len(copyCmd.IDs) < 99 {
			copyCmd.IDs = append(copyCmd.IDs, ids(rs)...)
		}
		copyCmd.IDs = copyCmd.IDs[:99]
		if _, err := s.Do(copyCmd); err != nil {
			b.Fatal(err)
		}
	}
	n := s.Project().RobotCount()
	s.Close()
	var ds []time.Duration
	for b.Loop() {
		start := time.Now()
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
		if s.Project().RobotCount() != n {
			b.Fatalf("%d robots, want %d", s.Project().RobotCount(), n)
		}
		s.Close()
	}
	b.ReportMetric(float64(n), "robots")
	reportMedian(b, ds)
}

func ids(rs []*model.Robot) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}
