package calc

import (
	"strconv"
	"strings"
)

// intervalPart is one "<number><unit>" of an interval such as "1Y2M3D4H5I6S" or "-4 days 5 hours".
type intervalPart struct {
	n    int
	unit string // lower-cased
}

// maxIntervalNumber caps a single number of an interval; PHP would overflow its timestamp long
// before, and the cap keeps date arithmetic from wrapping around.
const maxIntervalNumber = 10_000_000

// parseInterval reads the portal's interval grammar: an optional leading "-" that negates every
// part, then repeatedly the first "<digits><spaces><letters>" found in the rest, anything between
// matches being skipped.
func parseInterval(s string) (neg bool, parts []intervalPart) {
	s = strings.Trim(s, " \t\n\r\x00\x0B")
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	}
	i := 0
	for i < len(s) {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		k := j
		for k < len(s) && isRefSpace(s[k]) {
			k++
		}
		l := k
		for l < len(s) && (s[l] >= 'a' && s[l] <= 'z' || s[l] >= 'A' && s[l] <= 'Z') {
			l++
		}
		if l == k {
			i = j
			continue
		}
		n, err := strconv.Atoi(s[i:j])
		if err != nil || n > maxIntervalNumber {
			n = maxIntervalNumber
		}
		parts = append(parts, intervalPart{n: n, unit: strings.ToLower(s[k:l])})
		i = l
	}
	return neg, parts
}

// dateAddUnits maps dateadd's unit words to the calendar fields they change.
var dateAddUnits = map[string]byte{
	"y": 'Y', "year": 'Y', "years": 'Y',
	"m": 'M', "month": 'M', "months": 'M',
	"d": 'D', "day": 'D', "days": 'D',
	"h": 'H', "hour": 'H', "hours": 'H',
	"i": 'I', "min": 'I', "minute": 'I', "minutes": 'I',
	"s": 'S', "sec": 'S', "second": 'S', "seconds": 'S',
}

// workDateAddUnits are the units workdateadd understands, in seconds; "d" is the working day's
// length and is filled in by the caller (-1 here).
var workDateAddUnits = map[string]int{
	"d": -1, "day": -1, "days": -1,
	"h": 3600, "hour": 3600, "hours": 3600,
	"i": 60, "min": 60, "minute": 60, "minutes": 60,
}
