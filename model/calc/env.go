package calc

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"robodesk/model/calendar"
)

// Resolver supplies the values of {=Object:Field} references. It gets the reference with its
// modifiers and returns the value the portal would compute for it (arrays for multiple fields,
// date values for date fields). A missing value is Null, not an error; returning an error that
// wraps ErrUnknownVariable reports the reference as an incorrect variable name.
type Resolver interface {
	Resolve(ref Ref) (Value, error)
}

// ResolverFunc adapts a function to Resolver.
type ResolverFunc func(ref Ref) (Value, error)

// Resolve calls f.
func (f ResolverFunc) Resolve(ref Ref) (Value, error) { return f(ref) }

// User is what the calculator needs to know about a portal user.
type User struct {
	ID                         int
	Name, LastName, SecondName string
	Login                      string
	Gender                     string // "M", "F" or ""; printableuserb24 puts it in its links
	TimeZone                   string // IANA zone of the user, "" for the portal's
}

// Users looks users up by ID.
type Users interface {
	User(id int) (User, bool)
}

// UserList is a Users backed by a slice.
type UserList []User

// User finds the user with the given ID.
func (l UserList) User(id int) (User, bool) {
	for _, u := range l {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

// Random is the randomness rand(), randstring(), shuffle() and printableuserb24 use; tests inject
// a seeded source to get stable results.
type Random interface {
	IntN(n int) int
}

// Document describes the document a robot runs on, for getdocumenturl().
type Document struct {
	URL     string // admin page path, e.g. "/crm/deal/details/15/"
	Name    string // e.g. the deal title
	HostURL string // e.g. "https://example.bitrix24.ru"
}

// Env is everything an evaluation may need. The zero Env works: no variables, Bitrix24's default
// calendar, the current time, Russian formats, no users and a time-seeded random source.
type Env struct {
	Resolver Resolver
	// Calendar is the portal's working calendar for workdateadd, addworkdays, isworkday and
	// isworktime; nil means calendar.Default(). Its zone is the portal's zone.
	Calendar *calendar.Calendar
	// Now is the current moment; the zero time means time.Now().
	Now time.Time
	// Formats are the portal's date formats in PHP notation.
	Formats Formats
	// Lang is the portal language ("ru", "en"); locdate() names days and months in it.
	Lang string
	// NameFormat is the portal's name template, "#NAME# #LAST_NAME#" by default.
	NameFormat string
	Document   Document
	Users      Users
	Random     Random
}

func (e *Env) calendar() calendar.Calendar {
	if e.Calendar != nil {
		return *e.Calendar
	}
	return calendar.Default()
}

// Location is the portal's zone (the calendar's), UTC when it is unknown.
func (e *Env) Location() *time.Location {
	cal := e.calendar()
	loc, err := cal.Location()
	if err != nil {
		return time.UTC
	}
	return loc
}

// CurrentTime is Now (or the clock) in the portal's zone.
func (e *Env) CurrentTime() time.Time {
	now := e.Now
	if now.IsZero() {
		now = time.Now()
	}
	return now.In(e.Location())
}

func (e *Env) random() Random {
	if e.Random != nil {
		return e.Random
	}
	return rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x9e3779b97f4a7c15))
}

// DisplayName formats a user with the portal's name template the way CUser::FormatName does;
// a user without any name shows the login.
func (e *Env) DisplayName(u User) string {
	format := e.NameFormat
	if format == "" {
		format = "#NAME# #LAST_NAME#"
	}
	var b strings.Builder
	b.Grow(len(u.Name) + len(u.LastName) + len(u.SecondName) + 2)
	for i := 0; i < len(format); i++ {
		if format[i] == '#' {
			if j := strings.IndexByte(format[i+1:], '#'); j >= 0 {
				if v, ok := nameToken(u, format[i+1:i+1+j]); ok {
					b.WriteString(v)
					i += j + 1
					continue
				}
			}
		}
		b.WriteByte(format[i])
	}
	out := b.String()
	if strings.Contains(out, "  ") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
		out = strings.Join(strings.Fields(out), " ")
	}
	if out == "" {
		return u.Login
	}
	return out
}

// nameToken is one #TOKEN# of a name template.
func nameToken(u User, token string) (string, bool) {
	initial := func(s string) string {
		for _, r := range s {
			return string(r) + "."
		}
		return ""
	}
	switch token {
	case "NAME":
		return u.Name, true
	case "LAST_NAME":
		return u.LastName, true
	case "SECOND_NAME":
		return u.SecondName, true
	case "NAME_SHORT":
		return initial(u.Name), true
	case "LAST_NAME_SHORT":
		return initial(u.LastName), true
	case "SECOND_NAME_SHORT":
		return initial(u.SecondName), true
	case "LOGIN":
		return u.Login, true
	}
	return "", false
}

// UserID reads a user reference the way the portal's user helpers do: "user_5", "5" or the first
// item of a list; 0 when it is none.
func UserID(v Value) int {
	if v.kind == KindArray {
		if len(v.arr) == 0 {
			return 0
		}
		return UserID(v.arr[0])
	}
	s := strings.TrimSpace(DefaultFormats.Text(v))
	s = strings.TrimPrefix(s, "user_")
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}
