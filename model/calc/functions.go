package calc

// function is one entry of the portal's function table. args false means the function takes no
// argument from the stack at all (true() and false()), so "true(1)" leaves two values behind.
type function struct {
	args bool
	call func(ev *evaluator, arg Value) (Value, error)
}

// functions is the portal's function list (names are matched lower-cased). There is no
// concat(): texts are joined with &.
var functions map[string]*function

func init() {
	pure := func(f func(ev *evaluator, arg Value) Value) *function {
		return &function{args: true, call: func(ev *evaluator, arg Value) (Value, error) { return f(ev, arg), nil }}
	}
	functions = map[string]*function{
		// math
		"abs":      pure(fnAbs),
		"round":    pure(fnRound),
		"ceil":     pure(fnCeil),
		"floor":    pure(fnFloor),
		"min":      pure(fnMin),
		"max":      pure(fnMax),
		"rand":     {args: true, call: fnRand},
		"intval":   pure(fnIntval),
		"floatval": pure(fnFloatval),
		// logic
		"true":  {args: false, call: func(*evaluator, Value) (Value, error) { return Bool(true), nil }},
		"false": {args: false, call: func(*evaluator, Value) (Value, error) { return Bool(false), nil }},
		"if":    pure(fnIf),
		"not":   pure(fnNot),
		"and":   pure(fnAnd),
		"or":    pure(fnOr),
		// dates
		"date":              pure(fnDate),
		"locdate":           pure(fnLocDate),
		"dateadd":           pure(fnDateAdd),
		"datediff":          pure(fnDateDiff),
		"strtotime":         pure(fnStrtotime),
		"settime":           pure(fnSetTime),
		"touserdate":        pure(fnToUserDate),
		"getuserdateoffset": pure(fnGetUserDateOffset),
		"workdateadd":       pure(fnWorkDateAdd),
		"addworkdays":       pure(fnAddWorkDays),
		"isworkday":         pure(fnIsWorkDay),
		"isworktime":        pure(fnIsWorkTime),
		// strings
		"numberformat": {args: true, call: fnNumberFormat},
		"randstring":   {args: true, call: fnRandString},
		"substr":       pure(fnSubstr),
		"strpos":       pure(fnStrpos),
		"strlen":       pure(fnStrlen),
		"strtolower":   pure(fnStrtolower),
		"strtoupper":   pure(fnStrtoupper),
		"ucwords":      pure(fnUcwords),
		"ucfirst":      pure(fnUcfirst),
		"trim":         pure(fnTrim),
		"urlencode":    pure(fnUrlencode),
		"convert":      pure(fnConvert),
		// arrays
		"implode":    pure(fnImplode),
		"explode":    pure(fnExplode),
		"merge":      pure(fnMerge),
		"shuffle":    pure(fnShuffle),
		"firstvalue": pure(fnFirstValue),
		"swirl":      pure(fnSwirl),
		// document
		"getdocumenturl": pure(fnGetDocumentURL),
	}
}

// FunctionNames lists the functions the calculator knows, for editors that offer completion.
func FunctionNames() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	return names
}
