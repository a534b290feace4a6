package calc

import "fmt"

// fnGetDocumentURL is getdocumenturl(format?, external?): the document's page, as a BB-code or
// HTML link when asked, with the portal's host when external is true.
func fnGetDocumentURL(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	format := shift(&ar)
	external := shift(&ar)
	doc := ev.env.Document
	url := doc.URL
	if external.Bool() {
		url = doc.HostURL + url
	}
	if format.kind == KindString {
		switch format.s {
		case "bb":
			return String(fmt.Sprintf("[url=%s]%s[/url]", url, doc.Name))
		case "html":
			return String(fmt.Sprintf(`<a href="%s" target="_blank">%s</a>`, url, htmlEscape(doc.Name)))
		}
	}
	return String(url)
}
