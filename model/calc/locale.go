package calc

import "strings"

// dateNames are the day and month names a date format prints. The Russian set is the portal's
// own wording for locdate() (including capitalised genitive months, "1 Января").
type dateNames struct {
	days        [7]string // Sunday first, as time.Weekday counts
	daysShort   [7]string
	months      [12]string
	monthsShort [12]string
	monthsGen   [12]string // month after a day number: "j F"
}

var englishNames = &dateNames{
	days:        [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	daysShort:   [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	months:      [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	monthsShort: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	monthsGen:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

var russianNames = &dateNames{
	days:        [7]string{"Воскресенье", "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота"},
	daysShort:   [7]string{"Вс", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб"},
	months:      [12]string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"},
	monthsShort: [12]string{"Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"},
	monthsGen:   [12]string{"Января", "Февраля", "Марта", "Апреля", "Мая", "Июня", "Июля", "Августа", "Сентября", "Октября", "Ноября", "Декабря"},
}

// namesFor picks the names of a portal language; languages without a table use English, which
// is what locdate() prints when the portal has no translation either.
func namesFor(lang string) *dateNames {
	switch strings.ToLower(lang) {
	case "ru", "ru-ru", "":
		return russianNames
	}
	return englishNames
}
