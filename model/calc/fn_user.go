package calc

import (
	"strconv"
	"strings"
	"time"
)

// fnConvert is convert(value, type, attr?). Its arguments are flattened, so a multiple user field
// as the first argument pushes the type out of place and the value comes back unchanged: that is
// what the portal does too.
func fnConvert(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	val := shift(&ar)
	typ := strings.ToLower(ev.formats.Text(shift(&ar)))
	attr := ev.formats.Text(shift(&ar))
	switch typ {
	case "printableuser":
		u, ok := ev.lookupUser(val)
		if !ok {
			return String("")
		}
		return String(ev.env.DisplayName(u))
	case "printableuserb24":
		u, ok := ev.lookupUser(val)
		if !ok {
			return String("")
		}
		href := `href="#" onClick="return false;"`
		if attr != "" {
			href = `href="` + attr + `"`
		}
		id := strconv.Itoa(u.ID)
		return String(`<a class="feed-post-user-name" id="bp_` + id + `_` + ev.randString(5) + `" ` + href +
			` bx-post-author-id="` + id + `" bx-post-author-gender="` + u.Gender + `" bx-tooltip-user-id="` + id + `">` +
			htmlEscape(ev.env.DisplayName(u)) + `</a>`)
	}
	return val
}

func (ev *evaluator) lookupUser(v Value) (User, bool) {
	id := UserID(v)
	if id == 0 || ev.env.Users == nil {
		return User{}, false
	}
	return ev.env.Users.User(id)
}

// userLocation is the zone a user's dates are shown in: the user's own or the portal's.
func (ev *evaluator) userLocation(user Value) *time.Location {
	if u, ok := ev.lookupUser(user); ok && u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return loc
		}
	}
	return ev.env.Location()
}

// fnToUserDate is touserdate(user, date?): the moment shown in the user's zone.
func fnToUserDate(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	user := shift(&ar)
	date := shift(&ar)
	return ev.toUserDate(user, date)
}

func (ev *evaluator) toUserDate(user, date Value) Value {
	if !user.Bool() {
		return Null()
	}
	t := ev.env.CurrentTime()
	if date.Bool() {
		var ok bool
		if t, ok = ev.toTime(date); !ok {
			return Null()
		}
	}
	return DateTime(t.In(ev.userLocation(user)))
}

// fnGetUserDateOffset is the user's zone offset from the portal's, in seconds.
func fnGetUserDateOffset(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	user := shift(&ar)
	if !user.Bool() {
		return Null()
	}
	if _, ok := ev.lookupUser(user); !ok {
		return Null()
	}
	now := ev.env.CurrentTime()
	_, userOff := now.In(ev.userLocation(user)).Zone()
	_, portalOff := now.Zone()
	return Int(int64(userOff - portalOff))
}
