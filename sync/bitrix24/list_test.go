package bitrix24

import (
	"strings"
	"testing"
)

func TestListItems(t *testing.T) {
	tests := []struct {
		result string
		n      int
		ok     bool
	}{
		{`[{"ID":"1"},{"ID":"2"}]`, 2, true},
		{`{"categories":[{"id":0}]}`, 1, true},
		{`{"types":[]}`, 0, true},
		{`[]`, 0, true},
		{`{}`, 0, true},
		{`{"a":[1],"b":[2]}`, 0, false},
		{`{"item":{"id":1}}`, 0, false},
		{`"text"`, 0, false},
		{``, 0, false},
	}
	for _, tt := range tests {
		items, err := ListItems([]byte(tt.result))
		if (err == nil) != tt.ok || len(items) != tt.n {
			t.Errorf("ListItems(%s) = %d items, %v", tt.result, len(items), err)
		}
	}
}

func TestMembers(t *testing.T) {
	keys, vals, err := Members([]byte(`{"z":1,"a":{"x":[2]},"m":"s"}`))
	if err != nil || strings.Join(keys, ",") != "z,a,m" || string(vals[1]) != `{"x":[2]}` {
		t.Fatalf("Members = %v %s %v", keys, vals, err)
	}
	if keys, _, err := Members([]byte(`[]`)); err != nil || len(keys) != 0 {
		t.Fatalf("empty PHP array: %v %v", keys, err)
	}
	for _, bad := range []string{`[1]`, `"x"`, `{"a":}`, ``} {
		if _, _, err := Members([]byte(bad)); err == nil {
			t.Errorf("Members(%s) accepted", bad)
		}
	}
}
