package calc

import "strconv"

// opCode is an operation of the compiled program.
type opCode uint8

const (
	opList opCode = iota // ; — builds argument lists
	opEq
	opLe
	opGe
	opNe
	opLt
	opGt
	opConcat
	opAdd
	opSub
	opPos // unary +
	opNeg // unary -
	opMul
	opDiv
	opPow
	opPercent
	opCall
	opOpen // "(" on the operator stack only
)

var opByText = map[string]opCode{
	";": opList, "=": opEq, "<=": opLe, ">=": opGe, "<>": opNe, "<": opLt, ">": opGt,
	"&": opConcat, "+": opAdd, "-": opSub, "*": opMul, "/": opDiv, "^": opPow, "%": opPercent,
}

// priority is the portal's table: ( 0, ; 2, comparisons 3, & 4, + - 5, * / 6, ^ 7, % 8,
// unary 9, function 12.
func priority(op opCode) int {
	switch op {
	case opOpen:
		return 0
	case opList:
		return 2
	case opEq, opLe, opGe, opNe, opLt, opGt:
		return 3
	case opConcat:
		return 4
	case opAdd, opSub:
		return 5
	case opMul, opDiv:
		return 6
	case opPow:
		return 7
	case opPercent:
		return 8
	case opPos, opNeg:
		return 9
	}
	return 12
}

type itemKind uint8

const (
	itemConst itemKind = iota
	itemVar
	itemOp
)

// item is one step of the program in reverse Polish notation.
type item struct {
	kind itemKind
	val  Value
	ref  Ref
	op   opCode
	fn   *function
	name string
	pos  int
}

type stackOp struct {
	op   opCode
	fn   *function
	name string
	pos  int
}

// Program is a compiled expression; it is immutable and safe for concurrent use.
type Program struct {
	src   string
	items []item
	refs  []Ref
}

// Source returns the text the program was compiled from.
func (p *Program) Source() string { return p.src }

// Refs lists the variable references of the program in source order.
func (p *Program) Refs() []Ref { return p.refs }

// Compile turns an expression into a program. It accepts what the portal accepts: a bare
// expression, "=expr" or "{{= expr }}". The errors it can return are Empty, Syntax error,
// Unknown function and the unmatched-bracket ones, each an *Error with its position.
func Compile(src string) (*Program, error) {
	start, end := bounds(src)
	if start >= end {
		return nil, newError(ErrEmpty, "", src, start)
	}
	toks, lexErr := lex(src, start, end)
	if lexErr != nil {
		return nil, lexErr
	}
	prog := &Program{src: src}
	var stack []stackOp
	prev := ""
	emit := func(s stackOp) {
		prog.items = append(prog.items, item{kind: itemOp, op: s.op, fn: s.fn, name: s.name, pos: s.pos})
	}
	// push pops every operator of higher or equal priority first: equal priorities are
	// left-associative, which is why unary minus binds tighter than ^ and -2^2 is 4.
	push := func(s stackOp) {
		pr := priority(s.op)
		for len(stack) > 0 && pr <= priority(stack[len(stack)-1].op) {
			emit(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, s)
	}
	for _, t := range toks {
		switch t.kind {
		case tokFunction:
			fn := functions[t.text]
			if fn == nil {
				return nil, newError(ErrUnknownFunction, t.text, src, t.pos)
			}
			push(stackOp{op: opCall, fn: fn, name: t.text, pos: t.pos})
			stack = append(stack, stackOp{op: opOpen, pos: t.open})
			prev = "("
			continue
		case tokNumber:
			// The portal stores a number only when it starts with 0 or its integer part is not
			// zero; anything else (".5", ".") falls through to a variable lookup that yields null.
			if t.text[0] == '0' || floatToInt(leadingFloat(t.text)) != 0 {
				prog.items = append(prog.items, item{kind: itemConst, val: Float(leadingFloat(t.text)), pos: t.pos})
			} else {
				prog.items = append(prog.items, item{kind: itemConst, val: Null(), pos: t.pos})
			}
		case tokString:
			prog.items = append(prog.items, item{kind: itemConst, val: String(t.text), pos: t.pos})
		case tokVariable:
			prog.items = append(prog.items, item{kind: itemVar, ref: t.ref, pos: t.pos})
			prog.refs = append(prog.refs, t.ref)
		case tokOp:
			switch t.text {
			case "(":
				stack = append(stack, stackOp{op: opOpen, pos: t.pos})
			case ")":
				found := false
				for len(stack) > 0 {
					top := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					if top.op == opOpen {
						found = true
						break
					}
					emit(top)
				}
				if !found {
					return nil, newError(ErrUnmatchedClosing, "", src, t.pos)
				}
			default:
				op := opByText[t.text]
				if (op == opAdd || op == opSub) && unaryContext(prev) {
					if op == opAdd {
						op = opPos
					} else {
						op = opNeg
					}
					prev = t.text + "m"
					push(stackOp{op: op, pos: t.pos})
					continue
				}
				push(stackOp{op: op, pos: t.pos})
			}
			prev = t.text
			continue
		}
		prev = "value"
	}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if top.op == opOpen {
			return nil, newError(ErrUnmatchedOpening, "", src, top.pos)
		}
		emit(top)
	}
	return prog, nil
}

// unaryContext is the portal's rule: + and - are signs at the start and right after
// ( ; , a comparison, &, +, -, *, / or ^ (but not after % or a unary sign).
func unaryContext(prev string) bool {
	switch prev {
	case "", "(", ";", "=", "<=", ">=", "<>", "<", ">", "&", "+", "-", "*", "/", "^":
		return true
	}
	return false
}

// leadingFloat is PHP's (float) of a number token such as "1.2.3" (1.2).
func leadingFloat(s string) float64 {
	f, _ := leadingNumber(s)
	return f
}

// String renders the program in reverse Polish notation, for debugging.
func (p *Program) String() string {
	out := ""
	for i, it := range p.items {
		if i > 0 {
			out += " "
		}
		switch it.kind {
		case itemConst:
			if it.val.kind == KindString {
				out += strconv.Quote(it.val.s)
			} else {
				out += DefaultFormats.Text(it.val)
				if it.val.IsNull() {
					out += "null"
				}
			}
		case itemVar:
			out += it.ref.Text
		default:
			out += opName(it)
		}
	}
	return out
}

func opName(it item) string {
	if it.op == opCall {
		return it.name + "()"
	}
	for k, v := range opByText {
		if v == it.op {
			return k
		}
	}
	if it.op == opNeg {
		return "-m"
	}
	return "+m"
}
