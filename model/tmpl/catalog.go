package tmpl

// Catalog maps the portal's field titles to fields for the friendly form. Titles belong to the
// portal and may repeat; a repeated title is ambiguous and is never produced nor accepted.
type Catalog struct {
	byTitle map[string][]Field
	byRef   map[fieldKey]Field
}

// NewCatalog indexes document fields and global constants and variables by their friendly
// titles. Fields of other objects have no friendly title and are ignored.
func NewCatalog(fields []Field) *Catalog {
	c := &Catalog{byTitle: map[string][]Field{}, byRef: map[fieldKey]Field{}}
	for _, f := range fields {
		f.Object = f.ObjectName()
		title, ok := FriendlyTitle(f)
		if !ok {
			continue
		}
		c.byTitle[title] = append(c.byTitle[title], f)
		c.byRef[fieldKey{f.Object, f.ID}] = f
	}
	return c
}

// FriendlyTitle is what stands between {{ and }} for a field: its title, or "Group: Title" for
// global constants and variables. ok is false for objects without a friendly form.
func FriendlyTitle(f Field) (string, bool) {
	switch f.ObjectName() {
	case "Document":
		return f.Title, f.Title != ""
	case "GlobalConst", "GlobalVar":
		if f.Group == "" {
			return f.Title, f.Title != ""
		}
		return f.Group + ": " + f.Title, f.Title != ""
	}
	return "", false
}

// lookupTitle returns the fields with exactly this title.
func (c *Catalog) lookupTitle(title string) []Field {
	if c == nil {
		return nil
	}
	return c.byTitle[title]
}

func (c *Catalog) field(object, id string) (Field, bool) {
	if c == nil {
		return Field{}, false
	}
	f, ok := c.byRef[fieldKey{object, id}]
	return f, ok
}
