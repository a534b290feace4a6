package calc

import (
	"errors"
	"fmt"
	"math"
)

// slot is a value on the evaluation stack and where in the source it came from.
type slot struct {
	v   Value
	pos int
}

// evaluator runs one program against one Env.
type evaluator struct {
	env     *Env
	formats Formats
	src     string
	stack   []slot
	rnd     Random
	pos     int // position of the function being called, for its errors
}

// Eval compiles and evaluates src in one go.
func Eval(src string, env *Env) (Value, error) {
	p, err := Compile(src)
	if err != nil {
		return Null(), err
	}
	return p.Eval(env)
}

// Eval runs the program. Errors are *Error values (Division by zero, Incorrect order of
// operands, Incorrect arguments of function, Incorrect variable name) or a resolver's own
// error wrapped with the reference it failed on. A program with no operations yields null
// without error, as on the portal.
func (p *Program) Eval(env *Env) (Value, error) {
	if env == nil {
		env = &Env{}
	}
	ev := evaluator{env: env, formats: env.Formats.WithDefaults(), src: p.src}
	ev.stack = make([]slot, 0, 8)
	for _, it := range p.items {
		switch it.kind {
		case itemConst:
			ev.push(it.val, it.pos)
		case itemVar:
			v, err := ev.resolve(it.ref)
			if err != nil {
				return Null(), err
			}
			ev.push(v, it.pos)
		default:
			if err := ev.apply(it); err != nil {
				return Null(), err
			}
		}
	}
	if len(ev.stack) > 1 {
		return Null(), newError(ErrOperandOrder, "", p.src, ev.stack[1].pos)
	}
	if len(ev.stack) == 0 {
		return Null(), nil
	}
	return ev.stack[0].v, nil
}

func (ev *evaluator) resolve(ref Ref) (Value, error) {
	if ev.env.Resolver == nil {
		return Null(), nil
	}
	v, err := ev.env.Resolver.Resolve(ref)
	if err != nil {
		if errors.Is(err, ErrUnknownVariable) {
			return Null(), newError(ErrVariableName, ref.Text, ev.src, ref.Offset)
		}
		return Null(), fmt.Errorf("calc: %s at character %d: %w", ref.Text, newError(0, "", ev.src, ref.Offset).Rune+1, err)
	}
	return v, nil
}

func (ev *evaluator) push(v Value, pos int) { ev.stack = append(ev.stack, slot{v, pos}) }

// pop is PHP's array_shift on the portal's stack: an empty stack yields null, which is how
// "1+" or "abs()" still compute something.
func (ev *evaluator) pop() Value {
	n := len(ev.stack)
	if n == 0 {
		return Null()
	}
	v := ev.stack[n-1].v
	ev.stack = ev.stack[:n-1]
	return v
}

func (ev *evaluator) apply(it item) error {
	if it.op == opCall {
		var arg Value
		if it.fn.args {
			arg = ev.pop()
		}
		ev.pos = it.pos
		v, err := it.fn.call(ev, arg)
		if err != nil {
			return err
		}
		if v.kind == KindFloat && (math.IsNaN(v.f) || math.IsInf(v.f, 0)) {
			return newError(ErrFunctionArguments, it.name, ev.src, it.pos)
		}
		ev.push(v, it.pos)
		return nil
	}
	switch it.op {
	case opPos:
		ev.push(Float(ev.pop().Float()), it.pos)
		return nil
	case opNeg:
		ev.push(Float(-ev.pop().Float()), it.pos)
		return nil
	case opPercent:
		ev.push(Float(ev.pop().Float()/100), it.pos)
		return nil
	}
	b := ev.pop()
	a := ev.pop()
	var r Value
	switch it.op {
	case opList:
		r = appendArg(a, b)
	case opEq:
		r = Bool(compare(ev.formats, a, b) == 0)
	case opNe:
		r = Bool(compare(ev.formats, a, b) != 0)
	case opLt:
		r = Bool(compare(ev.formats, a, b) < 0 && !nanInvolved(a, b))
	case opGt:
		r = Bool(compare(ev.formats, a, b) > 0 && !nanInvolved(a, b))
	case opLe:
		r = Bool(compare(ev.formats, a, b) <= 0 && !nanInvolved(a, b))
	case opGe:
		r = Bool(compare(ev.formats, a, b) >= 0 && !nanInvolved(a, b))
	case opConcat:
		r = String(ev.formats.Text(a) + ev.formats.Text(b))
	case opAdd:
		r = Float(a.Float() + b.Float())
	case opSub:
		r = Float(a.Float() - b.Float())
	case opMul:
		r = Float(a.Float() * b.Float())
	case opDiv:
		d := b.Float()
		if d == 0 {
			return newError(ErrDivisionByZero, "", ev.src, it.pos)
		}
		r = Float(a.Float() / d)
	case opPow:
		r = Float(math.Pow(a.Float(), b.Float()))
	}
	ev.push(r, it.pos)
	return nil
}

// nanInvolved keeps NaN from passing ordered comparisons, as in PHP.
func nanInvolved(a, b Value) bool {
	return a.kind == KindFloat && math.IsNaN(a.f) || b.kind == KindFloat && math.IsNaN(b.f)
}

// appendArg is the portal's ";" operation: it extends a list when its left side is already a
// non-empty list whose first item is not null, and starts a new list otherwise. So a function
// whose first argument is a multiple field receives that field's items spread into its
// argument list, exactly as on the portal.
func appendArg(a, b Value) Value {
	if a.kind != KindArray || len(a.arr) == 0 || a.arr[0].kind == KindNull {
		return Array(a, b)
	}
	list := make([]Value, len(a.arr), len(a.arr)+1)
	copy(list, a.arr)
	return Array(append(list, b)...)
}

// fail is an "Incorrect arguments of function" error for the function being called.
func (ev *evaluator) fail(name string) error {
	return newError(ErrFunctionArguments, name, ev.src, ev.pos)
}
