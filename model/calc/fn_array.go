package calc

import "strings"

// fnImplode is implode(glue, list): the arguments are not flattened, only the list is.
func fnImplode(ev *evaluator, arg Value) Value {
	ar := asList(arg)
	glue := ev.formats.Text(shift(&ar))
	pieces := flatten(shift(&ar))
	parts := make([]string, len(pieces))
	for i, p := range pieces {
		parts[i] = ev.formats.Text(p)
	}
	return String(strings.Join(parts, glue))
}

// asList is PHP's (array) cast: a scalar becomes a one-item list and null an empty one.
func asList(v Value) []Value {
	switch v.kind {
	case KindArray:
		return v.arr
	case KindNull:
		return nil
	}
	return []Value{v}
}

// fnExplode is explode(delimiter, string); an empty delimiter or a non-scalar string is null.
func fnExplode(ev *evaluator, arg Value) Value {
	ar := asList(arg)
	delim := shift(&ar)
	str := shift(&ar)
	if str.kind == KindArray {
		str = firstOrFalse(str)
	}
	if delim.kind == KindArray {
		delim = firstOrFalse(delim)
	}
	if !delim.Bool() || !isScalar(str) || !isScalar(delim) {
		return Null()
	}
	return Strings(strings.Split(ev.formats.Text(str), ev.formats.Text(delim))...)
}

// firstOrFalse is PHP's reset(): the first item, false for an empty list.
func firstOrFalse(v Value) Value {
	if len(v.arr) == 0 {
		return Bool(false)
	}
	return v.arr[0]
}

// fnMerge is array_merge over the arguments, each cast to a list (a date object stays whole).
func fnMerge(_ *evaluator, arg Value) Value {
	if arg.kind != KindArray {
		return Array()
	}
	var out []Value
	for _, a := range arg.arr {
		out = append(out, asList(a)...)
	}
	return Array(out...)
}

// fnShuffle is PHP's shuffle: the same Fisher–Yates walk from the end, drawing from the Env's
// random source.
func fnShuffle(ev *evaluator, arg Value) Value {
	if arg.kind != KindArray || len(arg.arr) == 0 {
		return Null()
	}
	items := append([]Value(nil), flatten(arg)...)
	if ev.rnd == nil {
		ev.rnd = ev.env.random()
	}
	for left := len(items) - 1; left > 0; left-- {
		j := ev.rnd.IntN(left + 1)
		items[left], items[j] = items[j], items[left]
	}
	return Array(items...)
}

func fnFirstValue(_ *evaluator, arg Value) Value {
	ar := flatten(arg)
	return shift(&ar)
}

// fnSwirl moves the first item to the end: the portal's round-robin helper.
func fnSwirl(_ *evaluator, arg Value) Value {
	ar := flatten(arg)
	if len(ar) <= 1 {
		return shift(&ar)
	}
	out := make([]Value, 0, len(ar))
	out = append(out, ar[1:]...)
	return Array(append(out, ar[0])...)
}
