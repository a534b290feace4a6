package store

import (
	"path/filepath"
	"testing"

	"robodesk/model/sample"
)

func TestDemoStoresSamples(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.sqlite")
	s, err := CreateDemo(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := sample.LoadAll(s, s.Project().Portal)
	if err != nil {
		t.Fatal(err)
	}
	for _, entity := range []string{"LEAD", "DEAL", "DYNAMIC_128"} {
		if n := len(all[entity]); n != 3 {
			t.Errorf("%s: %d samples after reopening, want 3", entity, n)
		}
	}
	if r, ok := all["DEAL"].Get("Типичная"); !ok || r.First("TITLE") == "" {
		t.Errorf("the typical deal lost its title: %v", r)
	}
}
