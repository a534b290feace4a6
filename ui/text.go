package ui

import (
	"strings"

	"fyne.io/fyne/v2"
)

// meter measures text by summing cached rune advances. A big board needs thousands of
// measurements to wrap and ellipsize card texts; shaping every candidate string would dominate
// the time to build it, and kerning is too small to matter at card widths.
type meter struct {
	size   float32
	style  fyne.TextStyle
	adv    map[rune]float32
	height float32
}

func newMeter(size float32, style fyne.TextStyle) *meter {
	m := &meter{size: size, style: style, adv: map[rune]float32{}}
	m.height = fyne.MeasureText("Ёy", size, style).Height
	return m
}

// width is the width of s on one line.
func (m *meter) width(s string) float32 {
	var w float32
	for _, r := range s {
		a, ok := m.adv[r]
		if !ok {
			a = fyne.MeasureText(string(r), m.size, m.style).Width
			m.adv[r] = a
		}
		w += a
	}
	return w
}

// ellipsis is appended to text cut short.
const ellipsis = "…"

// fit returns s, or its longest prefix that fits w followed by an ellipsis.
func (m *meter) fit(s string, w float32) string {
	if m.width(s) <= w {
		return s
	}
	budget := w - m.width(ellipsis)
	var used float32
	for i, r := range s {
		used += m.width(string(r))
		if used > budget {
			return strings.TrimRight(s[:i], " ") + ellipsis
		}
	}
	return s
}

// wrap breaks s into at most n lines no wider than w, at spaces where it can; the last line is
// ellipsized when text remains.
func (m *meter) wrap(s string, w float32, n int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	space := m.width(" ")
	var lines []string
	line, lineW := "", float32(0)
	for i := 0; i < len(words); i++ {
		word := words[i]
		ww := m.width(word)
		switch {
		case line == "" && ww <= w:
			line, lineW = word, ww
		case line != "" && lineW+space+ww <= w:
			line += " " + word
			lineW += space + ww
		case line == "":
			// A word wider than the line: it goes on a line of its own, cut.
			lines = append(lines, m.fit(word, w))
			if len(lines) == n {
				return lines
			}
		default:
			lines = append(lines, line)
			line, lineW = "", 0
			if len(lines) == n-1 {
				lines = append(lines, m.fit(strings.Join(words[i:], " "), w))
				return lines
			}
			i--
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
