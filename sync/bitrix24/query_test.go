package bitrix24

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestEncodeQuery(t *testing.T) {
	tests := []struct {
		params Params
		want   string
	}{
		{Params{"start": 50, "sort": "ID", "order": "ASC"}, "order=ASC&sort=ID&start=50"},
		{Params{"filter": Params{"ENTITY_ID": "DEAL_STAGE_1"}, "order": map[string]string{"SORT": "ASC"}},
			"filter[ENTITY_ID]=DEAL_STAGE_1&order[SORT]=ASC"},
		{Params{"DOCUMENT_TYPE": [3]string{"crm", "CCrmDocumentDeal", "DEAL"}},
			"DOCUMENT_TYPE[0]=crm&DOCUMENT_TYPE[1]=CCrmDocumentDeal&DOCUMENT_TYPE[2]=DEAL"},
		{Params{"a": true, "b": false, "c": nil, "d": 1.5}, "a=1&b=0&c=&d=1.5"},
		{Params{"q": "a b&c=d"}, "q=a+b%26c%3Dd"},
		{Params{"ROBOTS": json.RawMessage(`[{"Type":"X"}]`)}, "ROBOTS=%5B%7B%22Type%22%3A%22X%22%7D%5D"},
		{Params{"s": struct {
			A int `json:"a"`
		}{7}}, "s[a]=7"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := EncodeQuery(tt.params); got != tt.want {
			t.Errorf("EncodeQuery(%v) = %q, want %q", tt.params, got, tt.want)
		}
	}
}

func TestDecodeQuery(t *testing.T) {
	tests := []struct {
		q    string
		want map[string]any
	}{
		{"start=50&sort=ID", map[string]any{"start": "50", "sort": "ID"}},
		{"filter[ENTITY_ID]=DEAL_STAGE&order[SORT]=ASC",
			map[string]any{"filter": map[string]any{"ENTITY_ID": "DEAL_STAGE"}, "order": map[string]any{"SORT": "ASC"}}},
		{"a[]=x&a[]=y", map[string]any{"a": map[string]any{"0": "x", "1": "y"}}},
		{"a%5Bb%5D=c+d", map[string]any{"a": map[string]any{"b": "c d"}}},
		{"odd[=1&x", map[string]any{"odd[": "1", "x": ""}},
		{"", map[string]any{}},
	}
	for _, tt := range tests {
		got, err := DecodeQuery(tt.q)
		if err != nil {
			t.Fatalf("DecodeQuery(%q): %v", tt.q, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DecodeQuery(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, err := DecodeQuery("a=%zz"); err == nil {
		t.Error("bad escape accepted")
	}
}

func TestQueryRoundTrip(t *testing.T) {
	p := Params{"filter": Params{"ENTITY_ID": "C1:NEW", ">ID": 5}, "order": Params{"SORT": "ASC"}, "start": 100}
	got, err := DecodeQuery(EncodeQuery(p))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"filter": map[string]any{"ENTITY_ID": "C1:NEW", ">ID": "5"}, "order": map[string]any{"SORT": "ASC"}, "start": "100"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip = %v", got)
	}
}
