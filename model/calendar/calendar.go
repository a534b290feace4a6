// Package calendar holds a portal's working calendar: work hours, weekend days, holidays and the
// time zone, with the working-time arithmetic Bitrix24 uses for delays and calc functions.
package calendar

import (
	"fmt"
	"sync"
	"time"
)

// Calendar mirrors the portal settings that Bitrix24's calendar module keeps (work_time_start,
// work_time_end, week_holidays, year_holidays, year_workdays) plus the portal time zone.
type Calendar struct {
	// TZ is an IANA zone name such as "Europe/Moscow"; empty means UTC.
	TZ string `json:"tz"`
	// WorkStart and WorkEnd are the working hours as "HH:MM".
	WorkStart string `json:"workStart"`
	WorkEnd   string `json:"workEnd"`
	// Weekend lists the days off of every week (Bitrix24's week_holidays).
	Weekend []time.Weekday `json:"weekend"`
	// Holidays are days off every year as "d.m" (year_holidays), e.g. "1.1", "9.5".
	Holidays []string `json:"holidays"`
	// Workdays are weekend days that are working days every year as "d.m" (year_workdays).
	Workdays []string `json:"workdays,omitempty"`
}

// Default is Bitrix24's out-of-the-box calendar: Monday to Friday, 9:00 to 18:00, UTC.
func Default() Calendar {
	return Calendar{WorkStart: "09:00", WorkEnd: "18:00", Weekend: []time.Weekday{time.Saturday, time.Sunday}}
}

// zones caches loaded time zones: time.LoadLocation reads the zone database from disk on every
// call, and working-time arithmetic asks for the zone at every step.
var zones sync.Map // string → *time.Location

// Location resolves TZ; an unknown zone is an error naming it.
func (c Calendar) Location() (*time.Location, error) {
	if c.TZ == "" {
		return time.UTC, nil
	}
	if loc, ok := zones.Load(c.TZ); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return nil, fmt.Errorf("calendar time zone %q: %w", c.TZ, err)
	}
	zones.Store(c.TZ, loc)
	return loc, nil
}
