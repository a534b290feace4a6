package ui

import (
	"fyne.io/fyne/v2/lang"

	"robodesk/model"
	"robodesk/model/catalog"
)

// findingText translates a validation finding by its code; the property it names is given by
// its title in the interface language. Unknown codes fall back to the model's English text.
func findingText(f model.Finding, r *model.Robot) string {
	data := map[string]string{}
	for k, v := range f.Args {
		data[k] = v
	}
	if r != nil && f.Property != "" {
		if e := catalog.Lookup(r.Type, r.Properties); e != nil {
			if p, ok := e.Prop(f.Property); ok {
				data["property"] = p.Title.In(langCode())
			}
		}
	}
	switch f.Code {
	case "required":
		return lang.L("«{{.property}}» is required", data)
	case "min_items":
		return lang.L("«{{.property}}» needs at least {{.min}} values", data)
	case "too_long":
		return lang.L("The text is {{.length}} characters long, the limit is {{.max}}", data)
	case "bad_url":
		return lang.L("«{{.value}}» is not an http(s) address", data)
	case "not_int":
		return lang.L("«{{.value}}» is not a whole number", data)
	case "too_small":
		return lang.L("{{.value}} is less than {{.min}}", data)
	case "not_bool":
		return lang.L("«{{.value}}» is neither yes nor no", data)
	case "bad_option":
		return lang.L("«{{.value}}» is not one of the choices", data)
	case "unknown_stage":
		return lang.L("Stage {{.stage}} does not exist", data)
	case "unknown_field":
		return lang.L("Field {{.field}} does not exist", data)
	case "not_date_field":
		return lang.L("Field {{.field}} is not a date", data)
	case "unknown_user":
		return lang.L("User {{.user}} is not on the portal", data)
	case "unknown_department":
		return lang.L("Department {{.department}} is not on the portal", data)
	case "ref_missing":
		return lang.L("{{.ref}} refers to a robot that is not in this stage", data)
	case "ref_self":
		return lang.L("{{.ref}} refers to this robot itself", data)
	case "ref_after":
		return lang.L("{{.ref}} refers to «{{.robot}}», which runs later", data)
	case "ref_no_value":
		return lang.L("«{{.robot}}» returns no such value: {{.ref}}", data)
	case "ref_parallel":
		return lang.L("«{{.robot}}» runs in parallel and may not have finished: set «after previous»", data)
	case "delay_unit", "delay_negative", "delay_time", "delay_basis", "delay_needs_date":
		return lang.L("The delay is not valid: {{.msg}}", map[string]string{"msg": f.Message})
	case "bad_operator":
		return lang.L("Operator {{.operator}} does not apply to «{{.field}}»", data)
	case "between_value":
		return lang.L("«between» needs two values", data)
	case "unknown_type":
		return lang.L("Robot type {{.type}} is not in the catalog: kept as is, not checked", data)
	}
	return f.Message
}

// worst returns the most severe of a robot's findings, first found first.
func worst(fs []model.Finding) (model.Finding, bool) {
	rank := map[model.Severity]int{model.SevError: 0, model.SevWarning: 1, model.SevInfo: 2}
	best, ok := model.Finding{}, false
	for _, f := range fs {
		if !ok || rank[f.Severity] < rank[best.Severity] {
			best, ok = f, true
		}
	}
	return best, ok
}
