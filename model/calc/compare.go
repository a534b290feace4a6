package calc

import "strings"

// compare is PHP 8's loose comparison (the <=> operator) as the portal's =, <>, <, >, <=, >=
// apply it: null and booleans compare as booleans (null against a string as ""), numbers and
// numeric strings numerically, other strings byte-wise, arrays by size and then item by item and
// above everything else, date objects by moment and as their text against strings.
func compare(f Formats, a, b Value) int {
	switch {
	case a.kind == KindNull && b.kind == KindNull:
		return 0
	case a.kind == KindBool || b.kind == KindBool:
		return cmpBool(a.Bool(), b.Bool())
	case a.kind == KindNull:
		if b.kind == KindString {
			return compareStrings("", b.s)
		}
		return cmpBool(false, b.Bool())
	case b.kind == KindNull:
		if a.kind == KindString {
			return compareStrings(a.s, "")
		}
		return cmpBool(a.Bool(), false)
	case a.kind == KindArray && b.kind == KindArray:
		if len(a.arr) != len(b.arr) {
			return cmpInt(len(a.arr), len(b.arr))
		}
		for i := range a.arr {
			if c := compare(f, a.arr[i], b.arr[i]); c != 0 {
				return c
			}
		}
		return 0
	case a.kind == KindArray:
		return 1
	case b.kind == KindArray:
		return -1
	case a.IsTime() && b.IsTime():
		if c := cmpInt64(a.t.UnixNano(), b.t.UnixNano()); c != 0 {
			return c
		}
		_, oa := a.t.Zone()
		_, ob := b.t.Zone()
		return cmpInt(oa, ob)
	case a.IsTime() && b.kind == KindString:
		return compareStrings(f.Text(a), b.s)
	case b.IsTime() && a.kind == KindString:
		return compareStrings(a.s, f.Text(b))
	case a.kind == KindString && b.kind == KindString:
		return compareStrings(a.s, b.s)
	case a.kind == KindString: // against a number
		if isNumeric(a.s) {
			return cmpFloat(a.Float(), b.Float())
		}
		return cmpInt(strings.Compare(a.s, f.Text(b)), 0)
	case b.kind == KindString:
		if isNumeric(b.s) {
			return cmpFloat(a.Float(), b.Float())
		}
		return cmpInt(strings.Compare(f.Text(a), b.s), 0)
	}
	// numbers, and date objects against numbers (an object counts as 1)
	if a.kind == KindInt && b.kind == KindInt {
		return cmpInt64(a.i, b.i)
	}
	return cmpFloat(a.Float(), b.Float())
}

// compareStrings compares two strings numerically when both are numeric ("1e3" equals "1000"),
// otherwise byte by byte.
func compareStrings(a, b string) int {
	if isNumeric(a) && isNumeric(b) {
		fa, _ := leadingNumber(a)
		fb, _ := leadingNumber(b)
		return cmpFloat(fa, fb)
	}
	return strings.Compare(a, b)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func cmpInt(a, b int) int { return cmpInt64(int64(a), int64(b)) }

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpFloat treats NaN as PHP does: it is neither smaller, equal nor larger, which the callers
// see as "larger" (1) for every comparison but <>.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	}
	return 1
}
