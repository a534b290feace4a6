package calc

// fnIf needs an argument list: if() with a single argument is null.
func fnIf(_ *evaluator, arg Value) Value {
	if arg.kind != KindArray {
		return Null()
	}
	args := arg.arr
	cond := shift(&args)
	yes := shift(&args)
	no := shift(&args)
	if cond.Bool() {
		return yes
	}
	return no
}

func fnNot(_ *evaluator, arg Value) Value { return Bool(!arg.Bool()) }

func fnAnd(_ *evaluator, arg Value) Value {
	if arg.kind != KindArray {
		return Bool(arg.Bool())
	}
	for _, it := range flatten(arg) {
		if !it.Bool() {
			return Bool(false)
		}
	}
	return Bool(true)
}

func fnOr(_ *evaluator, arg Value) Value {
	if arg.kind != KindArray {
		return Bool(arg.Bool())
	}
	for _, it := range flatten(arg) {
		if it.Bool() {
			return Bool(true)
		}
	}
	return Bool(false)
}
