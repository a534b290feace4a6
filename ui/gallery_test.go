package ui

import (
	"testing"
	"time"

	"robodesk/model/preview"
)

// TestGalleryListsEveryText opens the messages of stages through the column menu's action and
// checks, for every sample, that each text of each robot is listed, rendered as the engine
// renders it; switching the stage in the dialog lists the other stage's texts.
func TestGalleryListsEveryText(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	td.pv.now = func() time.Time { return fixedNow }
	td.showGallery(td.ref("NEW"))
	g := td.dialogs.gallery
	if g == nil {
		t.Fatal("no gallery opened")
	}
	check := func(status, sampleName string) {
		t.Helper()
		rec := td.sampleRecord("DEAL", sampleName)
		want := preview.Stage(td.doc.Project(), td.ref(status), rec, fixedNow)
		if len(g.robots) != len(want) || len(want) != len(td.doc.Project().Robots(td.ref(status))) {
			t.Fatalf("%s/%s: gallery lists %d robots, engine %d", status, sampleName, len(g.robots), len(want))
		}
		var texts []preview.Text
		for _, rt := range want {
			texts = append(texts, rt.Texts...)
		}
		if len(g.views) != len(texts) || len(texts) == 0 {
			t.Fatalf("%s/%s: gallery shows %d texts, the stage has %d", status, sampleName, len(g.views), len(texts))
		}
		for i, v := range g.views {
			if v.t.RobotID != texts[i].RobotID || v.t.Key != texts[i].Key || v.t.Rendered != texts[i].Rendered {
				t.Errorf("%s/%s: text %d is %s %s %q, want %s %s %q", status, sampleName, i,
					v.t.Robot, v.t.Key, v.t.Rendered, texts[i].Robot, texts[i].Key, texts[i].Rendered)
			}
		}
	}
	for _, name := range []string{"Типичная", "Почти пустая", "Длинные значения"} {
		t.Run(name, func(t *testing.T) {
			g.sample.SetSelected(name)
			check("NEW", name)
		})
	}
	g.stage.SetSelected("Отправка счета")
	if g.ref != td.ref("PREPAYMENT_INVOICE") {
		t.Fatalf("stage picked: %v", g.ref)
	}
	check("PREPAYMENT_INVOICE", "Длинные значения")
	// The sample chosen in the gallery is the one the previews use from now on.
	if got := td.pv.record("DEAL").Name; got != "Длинные значения" {
		t.Errorf("previews use sample %q after the gallery's choice", got)
	}
}
