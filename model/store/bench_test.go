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

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// reportMedian adds the median of per-operation times to a benchmark's output; commit latency
// is what a user feels after a drop, so the median matters more than the mean.
func reportMedian(b *testing.B, ds []time.Duration) {
	if len(ds) > 0 {
		b.ReportMetric(float64(median(ds).Microseconds()), "median-µs")
	}
}

// BenchmarkCommit times, interleaved in one loop so the disk and the machine treat them alike,
// the three things a user's gesture and its baseline cost: a drag (a move edit with its undo
// record), a ctrl-drag (a copy edit with its undo record) and a bare single-row insert of a
// robot-sized row in the same file with the same connection settings. The copy is deleted
// again, untimed, so the stage keeps a realistic size. It reports each median and the ratios.
func BenchmarkCommit(b *testing.B) {
	s, err := CreateDemo(filepath.Join(b.TempDir(), "bench.sqlite"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.Exec(`CREATE TABLE bare (id TEXT PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	insert, err := s.db.Prepare(`INSERT INTO bare (id, body) VALUES (?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	defer insert.Close()
	from, to := model.StageRef{Entity: "DEAL", Status: "NEW"}, model.StageRef{Entity: "DEAL", Status: "WON"}
	body, _ := s.Project().Robots(from)[0].MarshalJSON()
	src := s.Project().Robots(model.StageRef{Entity: "DEAL", Status: "EXECUTING"})[0].ID
	var moves, copies, inserts []time.Duration
	for i := 0; b.Loop(); i++ {
		a, z := from, to
		if i%2 == 1 {
			a, z = to, from
		}
		id := s.Project().Robots(a)[0].ID
		start := time.Now()
		if _, err := s.Do(model.Move{IDs: []string{id}, To: z, Index: 0}); err != nil {
			b.Fatal(err)
		}
		moves = append(moves, time.Since(start))

		start = time.Now()
		if _, err := insert.Exec(fmt.Sprintf("row-%d", i), string(body)); err != nil {
			b.Fatal(err)
		}
		inserts = append(inserts, time.Since(start))

		start = time.Now()
		ch, err := s.Do(model.Copy{IDs: []string{src}, To: to, Index: 1})
		if err != nil {
			b.Fatal(err)
		}
		copies = append(copies, time.Since(start))
		if _, err := s.Do(model.Delete{IDs: []string{ch.Do[0].ID}}); err != nil {
			b.Fatal(err)
		}
	}
	m, c, n := median(moves), median(copies), median(inserts)
	b.ReportMetric(float64(m.Microseconds()), "move-µs")
	b.ReportMetric(float64(c.Microseconds()), "copy-µs")
	b.ReportMetric(float64(n.Microseconds()), "insert-µs")
	b.ReportMetric(float64(m)/float64(n), "move/insert")
	b.ReportMetric(float64(c)/float64(n), "copy/insert")
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
