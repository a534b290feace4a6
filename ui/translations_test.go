package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"robodesk/assets"
)

// uiKeys finds every literal key the views pass to the lang package, and whether it is plural.
func uiKeys(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			switch sel.Sel.Name {
			case "L", "N", "X", "XN":
			default:
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: lang.%s with a key that is not a literal", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			keys[key] = sel.Sel.Name == "N" || sel.Sel.Name == "XN"
			return true
		})
	}
	return keys
}

func loadBundle(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// TestTranslationsComplete checks that every string the views use is translated into both
// bundled languages, with the plural forms each language needs, and nothing unused lingers.
func TestTranslationsComplete(t *testing.T) {
	// The bundles must parse: go-i18n rejects a file whose keys include plural form names.
	if err := lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir); err != nil {
		t.Fatalf("load translations: %v", err)
	}
	keys := uiKeys(t)
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	forms := map[string][]string{"en.json": {"one", "other"}, "ru.json": {"one", "few", "many", "other"}}
	for file, need := range forms {
		m := loadBundle(t, file)
		var missing []string
		for k, plural := range keys {
			v, ok := m[k]
			if !ok {
				missing = append(missing, k)
				continue
			}
			if !plural {
				if _, ok := v.(string); !ok {
					t.Errorf("%s: %q should be a plain string", file, k)
				}
				continue
			}
			pm, ok := v.(map[string]any)
			if !ok {
				t.Errorf("%s: %q needs plural forms %v", file, k, need)
				continue
			}
			for _, f := range need {
				if _, ok := pm[f]; !ok {
					t.Errorf("%s: %q lacks the %q form", file, k, f)
				}
			}
		}
		sort.Strings(missing)
		for _, k := range missing {
			t.Errorf("%s: missing %q", file, k)
		}
		for k := range m {
			if _, used := keys[k]; !used {
				t.Errorf("%s: %q is not used", file, k)
			}
		}
	}
}
