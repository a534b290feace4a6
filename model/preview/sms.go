package preview

import "unicode/utf16"

// Encodings of an SMS.
const (
	GSM7 = "GSM-7"
	UCS2 = "UCS-2"
)

// gsmBasic is the GSM 03.38 default alphabet; each of its characters takes one septet.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension is the extension table: each character is sent as an escape and itself, two
// septets.
const gsmExtension = "\f^{}\\[~]|€"

var gsmCost = func() map[rune]int {
	m := map[rune]int{}
	for _, r := range gsmBasic {
		m[r] = 1
	}
	for _, r := range gsmExtension {
		m[r] = 2
	}
	return m
}()

// Segments is how a text travels as an SMS.
type Segments struct {
	// Encoding is GSM-7 when every character is in the GSM alphabet (with its extension
	// table), UCS-2 otherwise: a single Cyrillic letter switches the whole message.
	Encoding string `json:"encoding"`
	// Units counts septets for GSM-7 (extension characters count two) and UTF-16 code units for
	// UCS-2 (characters outside the basic plane count two).
	Units int `json:"units"`
	// Count is the number of SMS the text is sent as: one of 160 septets or 70 units, or
	// concatenated parts of 153 septets or 67 units each.
	Count int `json:"count"`
	// PerSegment is the capacity of one part at this length (160, 153, 70 or 67).
	PerSegment int `json:"perSegment"`
}

// SMS splits a text into SMS segments. Parts never split an escape pair or a surrogate pair,
// as phones and gateways don't.
func SMS(text string) Segments {
	gsm := true
	for _, r := range text {
		if gsmCost[r] == 0 {
			gsm = false
			break
		}
	}
	var costs []int
	s := Segments{Encoding: GSM7, PerSegment: 160}
	single, multi := 160, 153
	if gsm {
		for _, r := range text {
			costs = append(costs, gsmCost[r])
		}
	} else {
		s = Segments{Encoding: UCS2, PerSegment: 70}
		single, multi = 70, 67
		for _, r := range text {
			costs = append(costs, len(utf16.Encode([]rune{r})))
		}
	}
	for _, c := range costs {
		s.Units += c
	}
	switch {
	case s.Units == 0:
		s.Count = 0
	case s.Units <= single:
		s.Count = 1
	default:
		s.PerSegment = multi
		s.Count = 1
		used := 0
		for _, c := range costs {
			if used+c > multi {
				s.Count++
				used = 0
			}
			used += c
		}
	}
	return s
}
