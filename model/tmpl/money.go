package tmpl

import (
	"strings"

	"robodesk/model/calc"
)

// Currency is how a portal prints amounts of one currency (the currency module's format
// settings).
type Currency struct {
	// Format has "#" where the number goes: "# ₽", "# руб.", "$#".
	Format    string
	Decimals  int
	DecPoint  string
	Thousands string
	// HideZero drops the decimals of whole amounts: 1 500 000 ₽ rather than 1 500 000.00 ₽.
	HideZero bool
}

// DefaultCurrencies are the formats of a Russian-language portal. Older portals print roubles
// as "# руб."; pass the portal's own table in Context.Currencies to match it.
var DefaultCurrencies = map[string]Currency{
	"RUB": {Format: "# ₽", Decimals: 2, DecPoint: ".", Thousands: " ", HideZero: true},
	"USD": {Format: "$#", Decimals: 2, DecPoint: ".", Thousands: ",", HideZero: true},
	"EUR": {Format: "# €", Decimals: 2, DecPoint: ".", Thousands: " ", HideZero: true},
	"UAH": {Format: "# грн.", Decimals: 2, DecPoint: ".", Thousands: " ", HideZero: true},
	"KZT": {Format: "# ₸", Decimals: 2, DecPoint: ".", Thousands: " ", HideZero: true},
	"BYN": {Format: "# Br", Decimals: 2, DecPoint: ".", Thousands: " ", HideZero: true},
}

// splitMoney reads the CRM money form "1500000|RUB"; a bare number takes the given currency.
func splitMoney(s, currency string) (amount float64, code string) {
	if num, cur, ok := strings.Cut(s, "|"); ok {
		s, currency = num, cur
	}
	return calc.String(s).Float(), strings.ToUpper(strings.TrimSpace(currency))
}

// FormatMoney prints an amount in a currency's format; an unknown currency shows its code.
func FormatMoney(amount float64, code string, table map[string]Currency) string {
	c, ok := table[code]
	if !ok {
		c = Currency{Format: "# " + code, Decimals: 2, DecPoint: ".", Thousands: " ", HideZero: true}
		if code == "" {
			c.Format = "#"
		}
	}
	dec := c.Decimals
	if c.HideZero && amount == float64(int64(amount)) {
		dec = 0
	}
	return strings.Replace(c.Format, "#", calc.NumberFormat(amount, dec, c.DecPoint, c.Thousands), 1)
}
