package pull_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"robodesk/model"
	"robodesk/sync/bitrix24"
	"robodesk/sync/fake"
	"robodesk/sync/pull"
)

const robotsA = `[{"Name":"A11111_22222_33333_44444","Type":"SocNetMessageActivity","Activated":"Y",
  "Properties":{"Title":"<b>Ура</b> & co","MessageText":"Сделка {=Document:TITLE} > 5","MessageUserTo":["{=Document:ASSIGNED_BY_ID}"]},
  "Unknown":{"keep":[1,2.50,"x"]}}]`

func compact(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTemplatesRoundTrip(t *testing.T) {
	s, c := portal(t, fake.Demo(), fake.Options{})
	ctx := context.Background()

	list, err := pull.ListTemplates(ctx, c, "DEAL", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 7 || list[0].Status != "NEW" || list[0].Revision != "1" || list[1].Revision != "0" || string(list[1].Robots) != "[]" {
		t.Fatalf("list = %+v", list)
	}
	if !bytes.Equal(list[0].Robots, s.Template("DEAL", "NEW").Robots) && !jsonEqual(list[0].Robots, s.Template("DEAL", "NEW").Robots) {
		t.Fatalf("listed robots differ from the portal's")
	}

	rev, err := pull.SetTemplate(ctx, c, "DEAL", "NEW", "1", json.RawMessage(robotsA))
	if err != nil {
		t.Fatal(err)
	}
	if rev != "2" {
		t.Fatalf("new revision %q, want 2", rev)
	}
	// The portal keeps the robots exactly as sent (layout aside): no HTML escaping, numbers and
	// unknown keys as written.
	if got := s.Template("DEAL", "NEW"); !bytes.Equal(got.Robots, compact(t, robotsA)) || got.Revision != 2 {
		t.Fatalf("portal holds %s (rev %d)", got.Robots, got.Revision)
	}
	got, err := pull.GetTemplate(ctx, c, "DEAL", "NEW")
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision != "2" || !bytes.Equal(got.Robots, compact(t, robotsA)) || got.Entity != "DEAL" || got.Status != "NEW" {
		t.Fatalf("get = %+v", got)
	}

	// A stage never written starts at revision 0.
	rev, err = pull.SetTemplate(ctx, c, "DEAL", "C1:NEW", "", json.RawMessage(`[]`))
	if err != nil || rev != "1" {
		t.Fatalf("first write: %q, %v", rev, err)
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && bytes.Equal(mustJSON(x), mustJSON(y))
}

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

func TestSetTemplateConflict(t *testing.T) {
	s, c := portal(t, fake.Demo(), fake.Options{})
	ctx := context.Background()
	if _, err := pull.SetTemplate(ctx, c, "DEAL", "NEW", "1", json.RawMessage(robotsA)); err != nil {
		t.Fatal(err)
	}
	// Somebody else's write was based on revision 1 too.
	_, err := pull.SetTemplate(ctx, c, "DEAL", "NEW", "1", json.RawMessage(`[]`))
	var conflict *pull.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("err = %v, want *ConflictError", err)
	}
	if !errors.Is(err, bitrix24.ErrRevisionConflict) || conflict.Current != "2" || conflict.Expected != "1" ||
		!bytes.Equal(conflict.Robots, compact(t, robotsA)) {
		t.Fatalf("conflict = %+v", conflict)
	}
	if s.Template("DEAL", "NEW").Revision != 2 {
		t.Fatal("a conflicting write changed the portal")
	}
	// The same robots at a stale revision: the write has already taken effect (a retry whose
	// first attempt landed), so it is not a conflict.
	rev, err := pull.SetTemplate(ctx, c, "DEAL", "NEW", "1", json.RawMessage(robotsA))
	if err != nil || rev != "2" {
		t.Fatalf("identical write: %q, %v", rev, err)
	}
}

func TestTemplateErrors(t *testing.T) {
	_, c := portal(t, fake.Demo(), fake.Options{})
	ctx := context.Background()
	if _, err := pull.SetTemplate(ctx, c, "DEAL", "NEW", "1", json.RawMessage(`{"not":"a list"}`)); err == nil {
		t.Error("robots that are not an array were sent")
	}
	if _, err := pull.GetTemplate(ctx, c, "DEAL", "NOPE"); bitrix24.CodeOf(err) != bitrix24.CodeStageNotFound {
		t.Errorf("unknown stage: %v", err)
	}
	if _, err := pull.ListTemplates(ctx, c, "DYNAMIC_999", 0); bitrix24.CodeOf(err) != bitrix24.CodeDocumentType {
		t.Errorf("unknown entity: %v", err)
	}
	if _, err := pull.ListTemplates(ctx, c, "DEAL", 42); bitrix24.CodeOf(err) != bitrix24.CodeNotFound {
		t.Errorf("unknown pipeline: %v", err)
	}
}

func TestPortalWithoutConnector(t *testing.T) {
	_, c := portal(t, fake.Demo(), fake.Options{NoConnector: true})
	ctx := context.Background()
	if _, err := pull.Pull(ctx, c); err != nil {
		t.Fatalf("reference data must still pull: %v", err)
	}
	if _, err := c.ConnectorInfo(ctx); !errors.Is(err, bitrix24.ErrNoConnector) {
		t.Errorf("ConnectorInfo: %v", err)
	}
	_, errList := pull.ListTemplates(ctx, c, "DEAL", 0)
	_, errGet := pull.GetTemplate(ctx, c, "DEAL", "NEW")
	_, errSet := pull.SetTemplate(ctx, c, "DEAL", "NEW", "1", json.RawMessage(`[]`))
	for _, err := range []error{errList, errGet, errSet} {
		if !errors.Is(err, bitrix24.ErrNoConnector) {
			t.Errorf("err = %v, want ErrNoConnector", err)
		}
	}
}

func TestConnectorInBatch(t *testing.T) {
	s, c := portal(t, fake.Demo(), fake.Options{})
	doc := []string{"crm", "CCrmDocumentDeal", "DEAL"}
	res, err := c.Batch(context.Background(), []bitrix24.Command{
		{Method: bitrix24.MethodTemplateSet, Params: bitrix24.Params{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "WON", "REVISION": "1", "ROBOTS": json.RawMessage(robotsA)}},
		{Method: bitrix24.MethodTemplateGet, Params: bitrix24.Params{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "WON"}},
		{Method: bitrix24.MethodTemplateSet, Params: bitrix24.Params{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "WON", "REVISION": "1", "ROBOTS": json.RawMessage(`[]`)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err != nil || res[1].Err != nil || !errors.Is(res[2].Err, bitrix24.ErrRevisionConflict) {
		t.Fatalf("results: %v / %v / %v", res[0].Err, res[1].Err, res[2].Err)
	}
	// In a query string ROBOTS travels as its JSON text, byte for byte.
	if got := s.Template("DEAL", "WON"); got.Revision != 2 || string(got.Robots) != robotsA {
		t.Fatalf("portal holds %s rev %d", got.Robots, got.Revision)
	}
}

func TestListAllOneRequest(t *testing.T) {
	data := fake.Demo()
	if err := data.SetExternalModified(model.StageRef{Entity: "DEAL", Status: "C1:WON"}, true); err != nil {
		t.Fatal(err)
	}
	s, c := portal(t, data, fake.Options{})
	all, err := pull.ListAll(context.Background(), c, data.Portal)
	if err != nil {
		t.Fatal(err)
	}
	stages := 0
	for _, e := range data.Portal.Entities {
		for _, pl := range e.Pipelines {
			stages += len(pl.Stages)
		}
	}
	if len(all) != stages {
		t.Fatalf("%d templates, want %d", len(all), stages)
	}
	if got := all[model.StageRef{Entity: "DEAL", Status: "NEW"}]; got.Revision != "1" || !jsonEqual(got.Robots, s.Template("DEAL", "NEW").Robots) {
		t.Errorf("DEAL/NEW = %+v", got)
	}
	if !all[model.StageRef{Entity: "DEAL", Status: "C1:WON"}].ExternalModified || all[model.StageRef{Entity: "DEAL", Status: "WON"}].ExternalModified {
		t.Error("IS_EXTERNAL_MODIFIED was not read")
	}
	if st := s.Stats(); st.Requests != 1 {
		t.Errorf("%d requests, want one batch", st.Requests)
	}
	// The connector refuses to overwrite a template changed in the business-process designer.
	_, err = pull.SetTemplate(context.Background(), c, "DEAL", "C1:WON", "0", json.RawMessage(`[]`))
	if bitrix24.CodeOf(err) != bitrix24.CodeExternalModified {
		t.Errorf("set on an externally modified stage: %v", err)
	}
}

func TestListAllPages(t *testing.T) {
	data := fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 3, Stages: 120, Users: 1}))
	_, c := portal(t, data, fake.Options{})
	all, err := pull.ListAll(context.Background(), c, data.Portal)
	if err != nil {
		t.Fatal(err)
	}
	if want := 4 * 120; len(all) != want {
		t.Fatalf("%d templates, want %d", len(all), want)
	}
}

func TestListAllWithoutConnector(t *testing.T) {
	data := fake.Demo()
	_, c := portal(t, data, fake.Options{NoConnector: true})
	if _, err := pull.ListAll(context.Background(), c, data.Portal); !errors.Is(err, bitrix24.ErrNoConnector) {
		t.Fatalf("err = %v, want ErrNoConnector", err)
	}
}
