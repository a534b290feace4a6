package model

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"robodesk/model/catalog"
)

// Severity ranks a finding.
type Severity string

// Severities: an error means the portal would refuse or misrun the robot.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Finding is one problem found in a robot.
type Finding struct {
	Severity Severity `json:"severity"`
	Stage    StageRef `json:"stage"`
	RobotID  string   `json:"robotId,omitempty"`
	Robot    string   `json:"robot,omitempty"` // activity Name
	Title    string   `json:"title,omitempty"`
	// Property is where in the robot: a property key, "Delay.basis", "Condition.items[1]".
	Property string `json:"property,omitempty"`
	// Code names the rule, so views can translate the message.
	Code string `json:"code"`
	// Args are the message's parameters by name.
	Args    map[string]string `json:"args,omitempty"`
	Message string            `json:"message"`
}

func (f Finding) String() string {
	where := f.Stage.String()
	if f.Title != "" {
		where += " «" + f.Title + "»"
	}
	if f.Property != "" {
		where += " " + f.Property
	}
	return fmt.Sprintf("%s: %s: %s", f.Severity, where, f.Message)
}

// Validate checks every robot of the project against the catalog and the portal snapshot.
// Findings come in stage and robot order.
func Validate(p *Project) []Finding {
	var out []Finding
	for _, ref := range p.Stages() {
		for i := range p.Robots(ref) {
			out = append(out, ValidateRobot(p, ref, i)...)
		}
	}
	return out
}

// Errors counts the findings of error severity.
func Errors(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == SevError {
			n++
		}
	}
	return n
}

// ValidateRobot checks the robot at index in a stage.
func ValidateRobot(p *Project, ref StageRef, index int) []Finding {
	rs := p.Robots(ref)
	if index < 0 || index >= len(rs) {
		return nil
	}
	v := &validator{p: p, ref: ref, robots: rs, index: index, r: rs[index]}
	v.entity = p.Portal.Entity(ref.Entity)
	v.check()
	return v.out
}

// ValidateDraft checks an edited robot as if it were saved: in place of the stage's robot with
// its ID, or after the stage's robots when it is new.
func ValidateDraft(p *Project, ref StageRef, draft *Robot) []Finding {
	robots := append([]*Robot(nil), p.Robots(ref)...)
	index := len(robots)
	for i, r := range robots {
		if r.ID == draft.ID {
			index = i
		}
	}
	if index == len(robots) {
		robots = append(robots, draft)
	}
	robots[index] = draft
	v := &validator{p: p, ref: ref, robots: robots, index: index, r: draft, entity: p.Portal.Entity(ref.Entity)}
	v.check()
	return v.out
}

type validator struct {
	p      *Project
	ref    StageRef
	robots []*Robot
	index  int
	r      *Robot
	entity *Entity
	out    []Finding
}

func (v *validator) add(sev Severity, prop, code, msg string, args ...string) {
	f := Finding{Severity: sev, Stage: v.ref, RobotID: v.r.ID, Robot: v.r.Name, Title: v.r.Title(), Property: prop, Code: code, Message: msg}
	if len(args) > 0 {
		f.Args = map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			f.Args[args[i]] = args[i+1]
		}
	}
	v.out = append(v.out, f)
}

func (v *validator) check() {
	entry := catalog.Lookup(v.r.Type, v.r.Properties)
	if entry == nil {
		v.add(SevInfo, "", "unknown_type", fmt.Sprintf("robot type %s is not in the catalog: kept as is, not checked", v.r.Type), "type", v.r.Type)
	} else {
		for _, prop := range entry.Props {
			val, _ := catalog.GetPath(v.r.Properties, prop.Key)
			v.checkProp(prop, val)
		}
	}
	v.r.Texts(v.checkText)
	v.checkDelay()
	v.checkCondition()
}

func isEmpty(val any) bool {
	switch t := val.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(t) == ""
	case []any:
		for _, x := range t {
			if !isEmpty(x) {
				return false
			}
		}
		return true
	case map[string]any:
		return len(t) == 0
	}
	return false
}

// values flattens a property value into its strings.
func values(val any) []string {
	switch t := val.(type) {
	case nil:
		return nil
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, values(x)...)
		}
		return out
	}
	return []string{fmt.Sprint(val)}
}

func isExpression(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "=") || strings.HasPrefix(s, "{=") || strings.HasPrefix(s, "{{")
}

func (v *validator) checkProp(prop catalog.Prop, val any) {
	key := prop.Key
	if isEmpty(val) {
		if prop.Required && !prop.Hidden {
			v.add(SevError, key, "required", fmt.Sprintf("«%s» is required", prop.Title.EN), "property", prop.Title.EN)
		}
		return
	}
	vals := values(val)
	if prop.MinItems > 0 && len(vals) < prop.MinItems {
		v.add(SevError, key, "min_items", fmt.Sprintf("«%s» needs at least %d values, has %d", prop.Title.EN, prop.MinItems, len(vals)),
			"property", prop.Title.EN, "min", strconv.Itoa(prop.MinItems), "count", strconv.Itoa(len(vals)))
	}
	for _, s := range vals {
		v.checkValue(prop, s)
	}
}

func (v *validator) checkValue(prop catalog.Prop, s string) {
	key := prop.Key
	switch prop.Kind {
	case catalog.String, catalog.TextKind:
		if prop.MaxLen > 0 {
			literal := StripPlaceholders(s)
			if n := utf8.RuneCountInString(literal); n > prop.MaxLen {
				v.add(SevError, key, "too_long", fmt.Sprintf("text is %d characters, the limit is %d", n, prop.MaxLen),
					"length", strconv.Itoa(n), "max", strconv.Itoa(prop.MaxLen))
			}
		}
	case catalog.URL:
		if isExpression(s) {
			return
		}
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.add(SevError, key, "bad_url", fmt.Sprintf("%q is not an http(s) address", s), "value", s)
		}
	case catalog.Int:
		if isExpression(s) {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			v.add(SevError, key, "not_int", fmt.Sprintf("%q is not a whole number", s), "value", s)
		} else if prop.Min != 0 && n < prop.Min {
			v.add(SevError, key, "too_small", fmt.Sprintf("%d is less than %d", n, prop.Min), "value", s, "min", strconv.Itoa(prop.Min))
		}
	case catalog.Bool:
		if s != "Y" && s != "N" && !isExpression(s) {
			v.add(SevError, key, "not_bool", fmt.Sprintf("%q is not Y or N", s), "value", s)
		}
	case catalog.Select:
		if isExpression(s) || len(prop.Options) == 0 {
			return
		}
		for _, o := range prop.Options {
			if o.Value == s {
				return
			}
		}
		v.add(SevError, key, "bad_option", fmt.Sprintf("%q is not one of the choices", s), "value", s)
	case catalog.User:
		v.checkUser(key, s)
	case catalog.Stage:
		if isExpression(s) || v.entity == nil {
			return
		}
		if _, _, ok := v.entity.Stage(s); !ok {
			v.add(SevError, key, "unknown_stage", fmt.Sprintf("stage %s does not exist in %s", s, v.entity.ID), "stage", s)
		}
	case catalog.Field:
		if v.entity == nil {
			return
		}
		f, ok := v.entity.Field(s)
		if !ok {
			v.add(SevError, key, "unknown_field", fmt.Sprintf("field %s does not exist", s), "field", s)
		} else if f.Type != "date" && f.Type != "datetime" {
			v.add(SevError, key, "not_date_field", fmt.Sprintf("field %s is %s, not a date", s, f.Type), "field", s)
		}
	}
}

func (v *validator) checkUser(key, s string) {
	s = strings.TrimSpace(s)
	switch {
	case isExpression(s), v.p.Portal == nil || len(v.p.Portal.Users) == 0:
	case strings.HasPrefix(s, "user_"):
		id, err := strconv.Atoi(s[len("user_"):])
		if _, ok := v.p.Portal.User(id); err != nil || !ok {
			v.add(SevError, key, "unknown_user", fmt.Sprintf("user %s does not exist on the portal", s), "user", s)
		}
	case strings.HasPrefix(s, "group_dr") || strings.HasPrefix(s, "group_d"):
		id, err := strconv.Atoi(strings.TrimLeft(s[len("group_d"):], "r"))
		if _, ok := v.p.Portal.Department(id); err != nil || !ok {
			v.add(SevError, key, "unknown_department", fmt.Sprintf("department %s does not exist on the portal", s), "department", s)
		}
	}
}

// checkText checks the placeholders of one property text.
func (v *validator) checkText(path, text string) {
	for _, ph := range Placeholders(text) {
		switch {
		case strings.EqualFold(ph.Object, "Document"):
			v.checkField(path, ph.Field)
		case ph.IsReturnValue():
			v.checkReturnRef(path, ph)
		}
	}
}

func (v *validator) checkField(path, id string) {
	if v.entity == nil || len(v.entity.Fields) == 0 {
		return
	}
	base, _, _ := strings.Cut(id, ".")
	if _, ok := v.entity.Field(base); ok {
		return
	}
	if f, ok := strings.CutSuffix(base, "_PRINTABLE"); ok {
		if _, ok := v.entity.Field(f); ok {
			return
		}
	}
	v.add(SevError, path, "unknown_field", fmt.Sprintf("field %s does not exist in %s", id, v.entity.ID), "field", id)
}

// checkReturnRef checks a {=A…:Prop} reference: the robot must be in this stage, earlier, and
// chained before this one, or it may not have run yet.
func (v *validator) checkReturnRef(path string, ph Placeholder) {
	ref := "{=" + ph.Object + ":" + ph.Field + "}"
	at := -1
	for i, r := range v.robots {
		if r.Name == ph.Object {
			at = i
			break
		}
	}
	switch {
	case at < 0:
		v.add(SevError, path, "ref_missing", fmt.Sprintf("%s refers to a robot that is not in this stage", ref), "ref", ref)
		return
	case at == v.index:
		v.add(SevError, path, "ref_self", fmt.Sprintf("%s refers to this robot itself", ref), "ref", ref)
		return
	case at > v.index:
		v.add(SevError, path, "ref_after", fmt.Sprintf("%s refers to «%s», which runs after this robot", ref, v.robots[at].Title()),
			"ref", ref, "robot", v.robots[at].Title())
		return
	}
	src := v.robots[at]
	if e := catalog.Lookup(src.Type, src.Properties); e != nil && !e.App {
		found := false
		for _, ret := range e.Returns {
			found = found || strings.EqualFold(ret.Key, ph.Field)
		}
		if !found {
			v.add(SevError, path, "ref_no_value", fmt.Sprintf("«%s» returns no %s", src.Title(), ph.Field), "ref", ref, "robot", src.Title())
			return
		}
	}
	for i := at + 1; i <= v.index; i++ {
		if !v.robots[i].ExecuteAfterPrevious {
			v.add(SevWarning, path, "ref_parallel", fmt.Sprintf("%s: «%s» runs in parallel and may not have finished; set «after previous»", ref, src.Title()),
				"ref", ref, "robot", src.Title())
			return
		}
	}
}

func (v *validator) checkDelay() {
	d := v.r.Delay
	if d == nil {
		return
	}
	if d.ValueType != "i" && d.ValueType != "h" && d.ValueType != "d" {
		v.add(SevError, "Delay.valueType", "delay_unit", fmt.Sprintf("%q is not one of i, h, d", d.ValueType), "value", d.ValueType)
	}
	if d.Value < 0 {
		v.add(SevError, "Delay.value", "delay_negative", fmt.Sprintf("delay %d is negative", d.Value), "value", strconv.Itoa(d.Value))
	}
	if d.InTime != nil && (len(d.InTime) != 2 || d.InTime[0] < 0 || d.InTime[0] > 23 || d.InTime[1] < 0 || d.InTime[1] > 59) {
		v.add(SevError, "Delay.inTime", "delay_time", "time of day must be [hour, minute]")
	}
	field := d.BasisField()
	dateBasis := d.Basis == BasisNow || d.Basis == BasisDate
	if field == "" && !dateBasis {
		v.add(SevError, "Delay.basis", "delay_basis", fmt.Sprintf("basis %q is neither {=System:Now} nor a document date field", d.Basis), "basis", d.Basis)
		return
	}
	if (d.Type == DelayBefore || d.Type == DelayIn) && field == "" {
		v.add(SevError, "Delay.basis", "delay_needs_date", fmt.Sprintf("a delay %q needs a date field as its basis", d.Type), "type", d.Type)
		return
	}
	if field == "" || v.entity == nil || len(v.entity.Fields) == 0 {
		return
	}
	f, ok := v.entity.Field(field)
	if !ok {
		v.add(SevError, "Delay.basis", "unknown_field", fmt.Sprintf("field %s does not exist in %s", field, v.entity.ID), "field", field)
	} else if f.Type != "date" && f.Type != "datetime" {
		v.add(SevError, "Delay.basis", "not_date_field", fmt.Sprintf("field %s is %s, not a date", field, f.Type), "field", field)
	}
}

// OperatorsFor lists the condition operators that make sense for a field type, as the robot
// editor offers them.
func OperatorsFor(f Field) []string {
	var ops []string
	switch f.Type {
	case "int", "double", "money", "integer", "float":
		ops = []string{"=", "!=", ">", ">=", "<", "<=", "in", "!in", "between"}
	case "date", "datetime":
		ops = []string{"=", "!=", ">", ">=", "<", "<=", "between"}
	case "bool", "boolean", "char":
		ops = []string{"=", "!="}
	case "select", "user", "stage", "crm", "status", "employee", "enumeration":
		ops = []string{"=", "!=", "in", "!in"}
	default:
		ops = []string{"=", "!=", "contain", "!contain", "in", "!in"}
	}
	if f.Multiple && !contains(ops, "contain") {
		ops = append(ops, "contain", "!contain")
	}
	return append(ops, "empty", "!empty")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (v *validator) checkCondition() {
	c := v.r.Condition
	if c == nil {
		return
	}
	for i, it := range c.Items {
		path := fmt.Sprintf("Condition.items[%d]", i)
		if !strings.EqualFold(it.Object, "Document") || v.entity == nil || len(v.entity.Fields) == 0 {
			continue
		}
		f, ok := v.entity.Field(it.Field)
		if !ok {
			v.add(SevError, path, "unknown_field", fmt.Sprintf("field %s does not exist in %s", it.Field, v.entity.ID), "field", it.Field)
			continue
		}
		if !contains(OperatorsFor(f), it.Operator) {
			v.add(SevError, path, "bad_operator", fmt.Sprintf("operator %q does not apply to «%s» (%s)", it.Operator, f.Title, f.Type),
				"operator", it.Operator, "field", f.Title)
			continue
		}
		if it.Operator == "between" {
			if a, ok := it.Value.([]any); !ok || len(a) != 2 {
				v.add(SevError, path, "between_value", "between needs two values [from, to]")
			}
		}
	}
}

// SortFindings orders findings by severity, then stage and robot.
func SortFindings(fs []Finding) {
	rank := map[Severity]int{SevError: 0, SevWarning: 1, SevInfo: 2}
	sort.SliceStable(fs, func(i, j int) bool { return rank[fs[i].Severity] < rank[fs[j].Severity] })
}
