package calc

import (
	"math"
	"strconv"
	"strings"
)

func fnAbs(_ *evaluator, arg Value) Value { return Float(math.Abs(arg.Float())) }

func fnCeil(_ *evaluator, arg Value) Value { return Float(math.Ceil(arg.Float())) }

func fnFloor(_ *evaluator, arg Value) Value { return Float(math.Floor(arg.Float())) }

func fnIntval(_ *evaluator, arg Value) Value { return Int(arg.Int()) }

func fnFloatval(_ *evaluator, arg Value) Value { return Float(arg.Float()) }

// fnRound is round(x, precision) with PHP's half-away-from-zero rounding.
func fnRound(_ *evaluator, arg Value) Value {
	ar := flatten(arg)
	v := shift(&ar).Float()
	places := shift(&ar).Int()
	return Float(phpRound(v, places))
}

// phpRound rounds half away from zero after PHP's pre-rounding to 15 significant digits, so
// round(1.955, 2) is 1.96 as on the portal even though 1.955 is stored as 1.95499999….
func phpRound(v float64, places int64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	if places > 400 || (places >= 0 && v == math.Trunc(v)) {
		return v // nothing after the point to round
	}
	if places < -400 {
		return 0
	}
	s := strconv.FormatFloat(math.Abs(v), 'e', 14, 64) // d.dddddddddddddde±x
	mant, expStr, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := []byte(strings.Replace(mant, ".", "", 1)) // 15 digits, value = 0.digits × 10^(exp+1)
	keep := exp + 1 + int(places)
	if keep >= len(digits) {
		return v
	}
	if keep < 0 {
		return math.Copysign(0, v)
	}
	up := digits[keep] >= '5'
	kept := digits[:keep]
	num := new(strings.Builder)
	// Work on the kept digits as an integer, add the carry, then scale back.
	n, _ := strconv.ParseUint("0"+string(kept), 10, 64)
	if up {
		n++
	}
	num.WriteString(strconv.FormatUint(n, 10))
	num.WriteString("e")
	num.WriteString(strconv.Itoa(exp + 1 - keep))
	r, _ := strconv.ParseFloat(num.String(), 64)
	return math.Copysign(r, v)
}

// fnMin and fnMax cast each argument to float before looking at it, so a list passed as a later
// argument counts as 1: that is the portal's behaviour.
func fnMin(_ *evaluator, arg Value) Value { return extreme(arg, -1) }

func fnMax(_ *evaluator, arg Value) Value { return extreme(arg, 1) }

func extreme(arg Value, sign float64) Value {
	if arg.kind != KindArray {
		return Float(arg.Float())
	}
	if len(arg.arr) == 0 {
		return Bool(false)
	}
	best := arg.arr[0].Float()
	for _, it := range arg.arr[1:] {
		f := it.Float()
		if (f-best)*sign > 0 {
			best = f
		}
	}
	return Float(best)
}

// mtGetRandMax is PHP's mt_getrandmax(), rand()'s default upper bound.
const mtGetRandMax = 2147483647

func fnRand(ev *evaluator, arg Value) (Value, error) {
	ar := flatten(arg)
	lo := shift(&ar).Int()
	hi := shift(&ar).Int()
	if hi == 0 {
		hi = mtGetRandMax
	}
	// PHP 8 throws for a reversed range, which stops the robot on the portal.
	if lo > hi || hi-lo < 0 || hi-lo >= math.MaxInt64 {
		return Null(), ev.fail("rand")
	}
	if ev.rnd == nil {
		ev.rnd = ev.env.random()
	}
	return Int(lo + int64(ev.rnd.IntN(int(hi-lo+1)))), nil
}
